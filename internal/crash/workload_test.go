//go:build crash

package crash

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// tokens are the API tokens the writers use.
type tokens struct{ admin, desk, clinician, clinicianID, program string }

// ack is one write the client saw acknowledged (a 2xx answer): what it wrote and its id.
type ack struct {
	Kind     string // client, episode, measure, note, session, attendance
	ID       string // the record's id (for attendance, the occurrence's: "<session id>:<date>")
	ClientID string
	Version  int // attendance: the sheet's version after the write
}

// ledger is every acknowledged write of every trial, and the count of writes sent.
type ledger struct {
	mu    sync.Mutex
	acks  []ack
	sent  atomic.Int64
	fails atomic.Int64 // writes answered with an error status or cut off by the kill
}

func (l *ledger) add(a ack) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.acks = append(l.acks, a)
}

func (l *ledger) all() []ack {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]ack(nil), l.acks...)
}

// slot hands out distinct session times for the one clinician, so that no two sessions clash:
// 15-minute slots from 08:00, 40 a day, on days going back from a week ago.
var slot atomic.Int64

func nextSlot() (date, start string) {
	k := slot.Add(1)
	day := time.Now().AddDate(0, 0, -7-int(k/40))
	m := 8*60 + int(k%40)*15
	return day.Format("2006-01-02"), fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// writer sends one client's chart, write after write, until ctx ends or the server stops
// answering: the client, their admission, a measure, a note, a session and its attendance.
func writer(ctx context.Context, base string, tk tokens, l *ledger) {
	c := &http.Client{Timeout: 20 * time.Second}
	for ctx.Err() == nil {
		var client struct{ ID string }
		if !send(ctx, c, l, "POST", base+"/api/v1/clients", tk.desk, map[string]any{
			"given_name": "Crash", "family_name": "Trial", "birth_date": "1990-04-02", "primary_clinician_id": tk.clinicianID,
		}, &client) {
			return
		}
		l.add(ack{Kind: "client", ID: client.ID, ClientID: client.ID})
		admitted := time.Now().AddDate(0, 0, -400).Format("2006-01-02")
		var episode struct{ ID string }
		if !send(ctx, c, l, "POST", base+"/api/v1/clients/"+client.ID+"/episodes", tk.clinician, map[string]any{
			"program_id": tk.program, "on": admitted,
		}, &episode) {
			return
		}
		l.add(ack{Kind: "episode", ID: episode.ID, ClientID: client.ID})
		var measure struct{ ID string }
		if !send(ctx, c, l, "POST", base+"/api/v1/clients/"+client.ID+"/measures", tk.clinician, map[string]any{
			"instrument": "gad7", "answers": []int{1, 2, 1, 2, 1, 2, 1},
		}, &measure) {
			return
		}
		l.add(ack{Kind: "measure", ID: measure.ID, ClientID: client.ID})
		var note struct{ ID string }
		if !send(ctx, c, l, "POST", base+"/api/v1/notes", tk.clinician, map[string]any{
			"kind": "individual", "format": "dap", "client_id": client.ID,
			"sections": map[string]string{"data": "Practised grounding", "assessment": "Calmer", "plan": "Weekly"},
		}, &note) {
			return
		}
		l.add(ack{Kind: "note", ID: note.ID, ClientID: client.ID})
		date, start := nextSlot()
		var session struct{ ID string }
		if !send(ctx, c, l, "POST", base+"/api/v1/sessions", tk.desk, map[string]any{
			"program_id": tk.program, "kind": "individual", "client_id": client.ID, "clinician_id": tk.clinicianID,
			"date": date, "start_time": start, "minutes": 15,
		}, &session) {
			return
		}
		l.add(ack{Kind: "session", ID: session.ID, ClientID: client.ID})
		occurrence := session.ID + ":" + date
		var sheet struct{ Version int }
		if !send(ctx, c, l, "PUT", base+"/api/v1/sessions/"+occurrence+"/attendance", tk.clinician, map[string]any{
			"records": []map[string]any{{"client_id": client.ID, "status": "present", "minutes": 15}}, "version": 0,
		}, &sheet) {
			return
		}
		l.add(ack{Kind: "attendance", ID: occurrence, ClientID: client.ID, Version: sheet.Version})
	}
}

// errUnexpected records the first answer of an unexpected kind (a 4xx the workload should
// never cause), for the report.
var errUnexpected atomic.Value

// send sends one write and decodes a 2xx answer into out. It returns false when the write was
// not acknowledged: the server was killed mid-request, or answered an error.
func send(ctx context.Context, c *http.Client, l *ledger, method, url, token string, body any, out any) bool {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	l.sent.Add(1)
	resp, err := c.Do(req)
	if err != nil {
		l.fails.Add(1)
		return false
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode/100 != 2 {
		l.fails.Add(1)
		if err == nil && resp.StatusCode/100 == 4 {
			errUnexpected.CompareAndSwap(nil, fmt.Sprintf("%s %s: %d %s", method, url, resp.StatusCode, answer))
		}
		return false
	}
	return json.Unmarshal(answer, out) == nil
}
