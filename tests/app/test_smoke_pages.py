from conftest import log_in


def test_pages_render(client, world):
    log_in(client, world.users["admin"])
    slug = world.convention.slug
    for url in ["/", "/login", "/dashboard", "/conventions/new", f"/manage/{slug}/", f"/manage/{slug}/edit",
                f"/manage/{slug}/people", f"/manage/{slug}/audit", f"/c/{slug}", "/admin/outbox"]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.data[:3000])
