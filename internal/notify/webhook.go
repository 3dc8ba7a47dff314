package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// Webhook posts JSON to a paging service (CAREPATH_ALERT_WEBHOOK). Each call has a timeout,
// and a failure a retry may cure (a network error, a 5xx, a 429) is retried with a growing
// pause; a 4xx is not. Every attempt carries the same Idempotency-Key, so a receiver can drop
// a repeat.
type Webhook struct {
	URL     string
	Client  *http.Client  // nil: a client with Timeout
	Timeout time.Duration // one attempt; 0 means 10 seconds
	Retries int           // further attempts after the first; negative means none
	Pause   time.Duration // before the first retry, doubling after; 0 means 1 second
}

// NewWebhook checks rawURL (http or https) and returns a webhook with 2 retries.
func NewWebhook(rawURL string) (*Webhook, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, errors.New("the alert webhook must be an http:// or https:// URL")
	}
	return &Webhook{URL: rawURL, Retries: 2}, nil
}

// errPermanent marks a webhook answer no retry will change.
var errPermanent = errors.New("refused")

// Post sends payload as JSON and returns nil once the receiver answers 2xx.
func (w *Webhook) Post(ctx context.Context, payload any, idempotencyKey string) error {
	body, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("webhook payload: %w", err)
	}
	timeout := w.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	client := w.Client
	if client == nil {
		client = &http.Client{Timeout: timeout}
	}
	pause := w.Pause
	if pause <= 0 {
		pause = time.Second
	}
	var last error
	for attempt := 0; attempt <= max(w.Retries, 0); attempt++ {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return errors.Join(last, ctx.Err())
			case <-time.After(pause):
			}
			pause *= 2
		}
		last = w.once(ctx, client, timeout, body, idempotencyKey)
		if last == nil || errors.Is(last, errPermanent) {
			return last
		}
	}
	return last
}

// once makes one attempt.
func (w *Webhook) once(ctx context.Context, client *http.Client, timeout time.Duration, body []byte, key string) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("webhook request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "carepath-alerts")
	req.Header.Set("Idempotency-Key", key)
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return fmt.Errorf("webhook answered %d", resp.StatusCode)
	}
	return fmt.Errorf("webhook answered %d: %w", resp.StatusCode, errPermanent)
}
