package notify_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/notify"
)

// TestWebhookRetriesWithTheSameKey has an httptest receiver fail twice with 503 and then
// accept: the webhook retries, every attempt carries the same Idempotency-Key and the JSON
// payload holds the alert's link and no client data.
func TestWebhookRetriesWithTheSameKey(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var keys []string
	var body map[string]any
	rx := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		keys = append(keys, r.Header.Get("Idempotency-Key"))
		if r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("content type %q", r.Header.Get("Content-Type"))
		}
		if len(keys) < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		w.WriteHeader(http.StatusAccepted)
	}))
	defer rx.Close()
	hook, err := notify.NewWebhook(rx.URL)
	if err != nil {
		t.Fatal(err)
	}
	hook.Pause = 10 * time.Millisecond
	n := &carepath.Notification{ID: "n1", AlertID: "a1", ProgramID: "p1", Tier: carepath.TierBackup, MessageID: "m1", RecipientID: "s1", RecipientEmail: "oncall@clinic.example"}
	if err := hook.Post(context.Background(), notify.AlertPayload(n, "https://c.example/staff/alerts/a1"), n.MessageID); err != nil {
		t.Fatal(err)
	}
	if len(keys) != 3 || keys[0] != "m1" || keys[1] != "m1" || keys[2] != "m1" {
		t.Errorf("attempts %v, want 3 with the key m1", keys)
	}
	if body["message"] != "A safety alert needs you" || body["url"] != "https://c.example/staff/alerts/a1" || body["tier"] != "backup" {
		t.Errorf("payload %v", body)
	}
}

// TestWebhookGivesUpOnARefusalAndTimesOut checks that a 400 is not retried, and that a
// receiver slower than the timeout fails the attempt instead of holding the worker.
func TestWebhookGivesUpOnARefusalAndTimesOut(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	calls := 0
	refuse := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		mu.Unlock()
		w.WriteHeader(http.StatusBadRequest)
	}))
	defer refuse.Close()
	hook, _ := notify.NewWebhook(refuse.URL)
	hook.Pause = time.Millisecond
	if err := hook.Post(context.Background(), map[string]string{}, "k"); err == nil || calls != 1 {
		t.Errorf("400: err %v after %d calls, want an error after 1", err, calls)
	}
	stop := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-stop:
		}
	}))
	defer slow.Close()
	defer close(stop)
	hook, _ = notify.NewWebhook(slow.URL)
	hook.Timeout, hook.Retries = 50*time.Millisecond, 0
	start := time.Now()
	if err := hook.Post(context.Background(), map[string]string{}, "k"); err == nil || time.Since(start) > 3*time.Second {
		t.Errorf("slow receiver: err %v after %s", err, time.Since(start))
	}
	if _, err := notify.NewWebhook("ftp://x"); err == nil {
		t.Error("an ftp webhook was accepted")
	}
}
