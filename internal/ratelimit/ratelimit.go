// Package ratelimit limits how often one client (by address) may call: an in-memory token
// bucket per key.
package ratelimit

import (
	"sync"
	"time"
)

// Limiter is an in-memory token bucket per key (a client's address): each key may make burst
// calls at once, refilled at one every interval. Buckets of keys not seen for an hour are
// dropped. It is safe for concurrent use.
type Limiter struct {
	mu       sync.Mutex
	burst    float64
	interval time.Duration
	buckets  map[string]*bucket
	now      func() time.Time
	swept    time.Time
}

type bucket struct {
	tokens float64
	seen   time.Time
}

// New returns a limiter that allows burst calls at once per key, then one every interval.
func New(burst int, interval time.Duration) *Limiter {
	return &Limiter{burst: float64(burst), interval: interval, buckets: map[string]*bucket{}, now: time.Now}
}

// Allow takes a token from addr's bucket, reporting false when it is empty.
func (l *Limiter) Allow(addr string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if now.Sub(l.swept) > time.Hour {
		for a, b := range l.buckets {
			if now.Sub(b.seen) > time.Hour {
				delete(l.buckets, a)
			}
		}
		l.swept = now
	}
	b, ok := l.buckets[addr]
	if !ok {
		b = &bucket{tokens: l.burst, seen: now}
		l.buckets[addr] = b
	}
	b.tokens = min(l.burst, b.tokens+float64(now.Sub(b.seen))/float64(l.interval))
	b.seen = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
