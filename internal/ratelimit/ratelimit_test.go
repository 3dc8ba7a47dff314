package ratelimit

import (
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	l := New(3, 10*time.Second)
	l.now = func() time.Time { return now }
	for i := range 3 {
		if !l.Allow("192.0.2.1") {
			t.Fatalf("request %d refused within the burst", i+1)
		}
	}
	if l.Allow("192.0.2.1") {
		t.Fatal("a fourth request at once was allowed")
	}
	if !l.Allow("192.0.2.2") {
		t.Fatal("another address shares the bucket")
	}
	now = now.Add(10 * time.Second)
	if !l.Allow("192.0.2.1") || l.Allow("192.0.2.1") {
		t.Fatal("one token should come back after the interval")
	}
	now = now.Add(2 * time.Hour)
	l.Allow("192.0.2.3")
	if _, ok := l.buckets["192.0.2.2"]; ok {
		t.Error("an idle address's bucket is kept")
	}
}
