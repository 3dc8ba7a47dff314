package fhir

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/carepath/carepath"
)

// TestUnavailableIsTransient checks that a call the database was too busy to take answers 503
// with Retry-After and a transient OperationOutcome, saying nothing of the cause.
func TestUnavailableIsTransient(t *testing.T) {
	h := New(Services{}, Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	w := httptest.NewRecorder()
	h.writeError(w, httptest.NewRequest(http.MethodGet, "/fhir/R4/Patient/x", nil), carepath.Unavailable(errors.New("pool exhausted")))
	var oo map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &oo); err != nil {
		t.Fatal(err)
	}
	if w.Code != 503 || w.Header().Get("Retry-After") == "" || at(oo, "issue", 0, "code") != "transient" ||
		at(oo, "issue", 0, "diagnostics") != carepath.ErrorMessage(carepath.Unavailable(nil)) {
		t.Errorf("%d %v %s", w.Code, w.Header(), w.Body)
	}
	validJSON(t, w.Body.Bytes())
}
