-- Fixed-window counters for throttles shared by every worker and host. `bucket` is the SHA-256
-- of the bucket's name (e.g. "login-ip-account|203.0.113.9|alice"), so its size is fixed.
CREATE TABLE throttle_buckets (
    bucket BINARY(32) NOT NULL PRIMARY KEY,
    hits INT UNSIGNED NOT NULL,
    window_ends DATETIME NOT NULL,
    KEY throttle_buckets_window_ends_index (window_ends)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
