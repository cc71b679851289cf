"""Personal data (GDPR): what the platform holds about a person, its export and erasure, retention."""
