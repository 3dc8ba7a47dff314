package web

import (
	"sync"
	"time"
)

// scorecardTTL is how long a program's public scorecard is served from memory. Its figures
// cover the last twelve complete weeks, so they change at most when someone corrects past
// attendance; a few minutes' delay costs nothing and spares the database: one scorecard is
// thirteen quality reports.
const scorecardTTL = 10 * time.Minute

// scorecardCache keeps each program's rendered scorecard figures for scorecardTTL, so a public
// page anyone may load cannot make the server recompute them on every request.
type scorecardCache struct {
	mu      sync.Mutex
	entries map[string]scorecardEntry
}

// scorecardEntry is one program's cached scorecard.
type scorecardEntry struct {
	at   time.Time
	view qualityView
}

// get returns the cached view of the program, if it is fresh at now.
func (c *scorecardCache) get(programID string, now time.Time) (qualityView, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[programID]
	if !ok || now.Sub(e.at) >= scorecardTTL {
		return qualityView{}, false
	}
	return e.view, true
}

// put caches the view of the program as computed at now.
func (c *scorecardCache) put(programID string, v qualityView, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]scorecardEntry{}
	}
	c.entries[programID] = scorecardEntry{at: now, view: v}
}
