package main

import (
	"os"
	"time"
)

// envDuration returns the positive duration in the environment variable key (e.g. "30m"), or
// def when it is unset or not one.
func envDuration(key string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(key)); err == nil && d > 0 {
		return d
	}
	return def
}
