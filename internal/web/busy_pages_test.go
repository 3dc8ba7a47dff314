package web_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestIntakeRequestWhenTheWriterIsBusy holds the database's writer while a person asks to be
// contacted at the end of the decision aid: the answer is 503 with Retry-After, the result
// page comes back with what they typed, nothing is stored, and once the writer is free the
// same form is stored.
func TestIntakeRequestWhenTheWriterIsBusy(t *testing.T) {
	t.Parallel()
	ts := apptest.StartWith(t, apptest.Options{Config: app.Config{WriteWait: 200 * time.Millisecond}})
	r := walkAid(t, ts.URL, everything()).result()
	form := intakeForm(r, "name", "Dana Busy", "email", "dana@example.org", "consent", "yes", "best_times", "evenings")

	release := apptest.HoldWriter(t, ts)
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/aid/intake", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := apptest.NoRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	body := string(b)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("with the writer held: %d, Retry-After %q; want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	for _, want := range []string{`value="Dana Busy"`, `value="dana@example.org"`, "try again"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	release()
	if n := len(intakes(t, ts.Store)); n != 0 {
		t.Fatalf("%d intake requests stored while the writer was held", n)
	}
	if got := postAid(t, ts.URL, "/aid/intake", form); got.Status != http.StatusOK {
		t.Fatalf("with the writer free: status %d", got.Status)
	}
}
