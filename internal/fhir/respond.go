package fhir

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/httpserver"
)

// The media types of FHIR JSON. Requests may send either; responses use the one the client
// asked for (fhirJSON unless it asked for plain JSON only).
const (
	fhirJSON  = "application/fhir+json"
	plainJSON = "application/json"
)

// problem is an error the FHIR layer finds itself (an unknown parameter, a malformed
// resource): its HTTP status and the issues of its OperationOutcome.
type problem struct {
	status int
	issues []r4.Issue
}

func (p *problem) Error() string {
	var parts []string
	for _, i := range p.issues {
		parts = append(parts, i.Diagnostics)
	}
	return strings.Join(parts, "; ")
}

// badRequest is a 400 with one error issue of code.
func badRequest(code, diagnostics string) *problem {
	return &problem{status: http.StatusBadRequest, issues: []r4.Issue{{Severity: "error", Code: code, Diagnostics: diagnostics}}}
}

// notFound is the 404 of a resource that does not exist or that the actor may not see.
func notFound(kind, id string) *problem {
	return &problem{status: http.StatusNotFound, issues: []r4.Issue{{Severity: "error", Code: "not-found",
		Diagnostics: fmt.Sprintf("There is no %s with this id, or you may not see it.", kind)}}}
}

func notAcceptable() *problem {
	return &problem{status: http.StatusNotAcceptable, issues: []r4.Issue{{Severity: "error", Code: "not-supported",
		Diagnostics: "This server speaks FHIR JSON only: ask for application/fhir+json or application/json."}}}
}

// issueCode is the OperationOutcome issue type of each carepath error code.
var issueCode = map[string]string{
	carepath.EINVALID:      "invalid",
	carepath.ENOTFOUND:     "not-found",
	carepath.ECONFLICT:     "conflict",
	carepath.EUNAUTHORIZED: "login",
	carepath.EFORBIDDEN:    "forbidden",
	carepath.ETOOLARGE:     "too-costly",
	carepath.EUNAVAILABLE:  "transient",
	carepath.EINTERNAL:     "exception",
}

// outcomeOf returns the HTTP status and OperationOutcome of err. carepath errors take their
// status from the one table (httpserver.Status); internal errors show "Internal error." only.
func outcomeOf(err error) (int, *r4.OperationOutcome) {
	if p, ok := err.(*problem); ok {
		return p.status, &r4.OperationOutcome{ResourceType: "OperationOutcome", Issue: p.issues}
	}
	status := httpserver.Status(err)
	code := issueCode[carepath.ErrorCode(err)]
	if code == "" {
		code = "exception"
	}
	oo := &r4.OperationOutcome{ResourceType: "OperationOutcome"}
	fields := carepath.ErrorFields(err)
	msg := carepath.ErrorMessage(err)
	if len(fields) == 0 {
		oo.Issue = []r4.Issue{{Severity: "error", Code: code, Diagnostics: msg}}
	}
	for _, f := range fields {
		oo.Issue = append(oo.Issue, r4.Issue{Severity: "error", Code: code, Diagnostics: f.Message, Expression: []string{f.Field}})
	}
	return status, oo
}

// writeError writes err as an OperationOutcome. Internal errors are logged with the method and
// path only: never the query string or a body, which may hold client data.
func (h *Handler) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, oo := outcomeOf(err)
	if status >= 500 {
		h.opt.Log.Error("fhir request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="carepath"`)
	}
	httpserver.SetRetryAfter(w, err) // a 503: the database was busy, nothing was done

	h.write(w, r, status, oo)
}

// buffers holds the buffers responses are encoded into, so that a large bundle is written
// with its length in one piece and its memory is used again.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// write writes v as FHIR JSON with status. What a successful response releases of 42 CFR Part 2
// records outside the care team carries the Part 2 labels and the notice (disclosedBody).
func (h *Handler) write(w http.ResponseWriter, r *http.Request, status int, v any) {
	if status < 300 {
		v = disclosedBody(w, r, v)
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= 4<<20 { // keep what a large bundle needs, not a huge one
			buf.Reset()
			buffers.Put(buf)
		}
	}()
	enc := json.NewEncoder(buf)
	if r.URL.Query().Get("_pretty") == "true" {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		h.opt.Log.Error("fhir response not encoded", "method", r.Method, "path", r.URL.Path, "err", err)
		status, buf = http.StatusInternalServerError, bytes.NewBufferString(`{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"exception","diagnostics":"Internal error."}]}`)
	}
	w.Header().Set("Content-Type", responseType(r)+"; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// acceptable reports whether the client accepts FHIR JSON, by _format or the Accept header.
func acceptable(r *http.Request) bool {
	if f := r.URL.Query().Get("_format"); f != "" {
		switch f {
		case "json", fhirJSON, plainJSON, "application/json+fhir":
			return true
		}
		return false
	}
	accept := r.Header.Get("Accept")
	if strings.TrimSpace(accept) == "" {
		return true
	}
	for _, part := range strings.Split(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", fhirJSON, plainJSON, "application/json+fhir":
			return true
		}
	}
	return false
}

// responseType is plain JSON when the client asked for it and not for FHIR JSON, else FHIR JSON.
func responseType(r *http.Request) string {
	if f := r.URL.Query().Get("_format"); f == plainJSON {
		return plainJSON
	}
	accept := r.Header.Get("Accept")
	if strings.Contains(accept, plainJSON) && !strings.Contains(accept, fhirJSON) && !strings.Contains(accept, "json+fhir") {
		return plainJSON
	}
	return fhirJSON
}
