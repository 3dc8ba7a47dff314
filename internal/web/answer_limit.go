package web

import (
	"sync"
	"time"
)

// answerLimiter is an in-memory token bucket per client address for the public answer pages:
// each address may make burst requests at once, refilled at one every interval. Buckets of
// addresses not seen for an hour are dropped.
type answerLimiter struct {
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

func newAnswerLimiter(burst int, interval time.Duration) *answerLimiter {
	return &answerLimiter{burst: float64(burst), interval: interval, buckets: map[string]*bucket{}, now: time.Now}
}

// allow takes a token from addr's bucket, reporting false when it is empty.
func (l *answerLimiter) allow(addr string) bool {
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
