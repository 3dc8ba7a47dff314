package contract

import (
	"bytes"
	"crypto/sha256"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// Prefix is the path under which Wrap checks every exchange.
const Prefix = "/api/v1/"

// DocumentPath is where Wrap asks the wrapped handler for its OpenAPI document.
const DocumentPath = "/api/v1/openapi.json"

// Wrap returns h with every exchange under Prefix checked against the OpenAPI document h
// itself serves at DocumentPath (loaded once, on the first exchange): a mismatch fails t with
// the exchange and what is wrong, and a document that does not load fails t once. The
// exchange is passed through unchanged. In a benchmark (t a *testing.B) Wrap returns h as it
// is, so that the figures measure the server alone.
func Wrap(t testing.TB, h http.Handler) http.Handler {
	if _, bench := t.(*testing.B); bench {
		return h
	}
	return &checker{t: t, h: h}
}

// checker is the handler Wrap returns.
type checker struct {
	t    testing.TB
	h    http.Handler
	once sync.Once
	doc  *Document
}

func (c *checker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, Prefix) {
		c.h.ServeHTTP(w, r)
		return
	}
	c.once.Do(c.load)
	body, err := io.ReadAll(r.Body)
	_ = r.Body.Close()
	if err != nil {
		c.t.Errorf("contract: reading the request body of %s %s: %v", r.Method, r.URL.Path, err)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := &recorder{ResponseWriter: w}
	c.h.ServeHTTP(rec, r)
	if c.doc == nil {
		return
	}
	if rec.status == 0 {
		rec.status, rec.header = http.StatusOK, w.Header().Clone()
	}
	x := Exchange{Request: r, RequestBody: body, Status: rec.status, Header: rec.header, Body: rec.body.Bytes()}
	if err := c.doc.Check(x); err != nil {
		c.t.Errorf("contract: %v", err)
	}
}

// load fetches the document from the wrapped handler and loads it, once per distinct
// document in the process.
func (c *checker) load() {
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, DocumentPath, nil))
	if rec.Code != http.StatusOK {
		c.t.Errorf("contract: GET %s answered %d; no exchange is checked", DocumentPath, rec.Code)
		return
	}
	doc, err := loadCached(rec.Body.Bytes())
	if err != nil {
		c.t.Errorf("contract: %s: %v", DocumentPath, err)
		return
	}
	c.doc = doc
}

// loaded holds the documents loaded so far, by the SHA-256 of their bytes.
var loaded sync.Map

type loadResult struct {
	once sync.Once
	doc  *Document
	err  error
}

// loadCached is Load, done once per distinct document in the process.
func loadCached(raw []byte) (*Document, error) {
	v, _ := loaded.LoadOrStore(sha256.Sum256(raw), &loadResult{})
	res := v.(*loadResult)
	res.once.Do(func() { res.doc, res.err = Load(raw) })
	return res.doc, res.err
}

// recorder passes a response through and keeps its status, headers and body.
type recorder struct {
	http.ResponseWriter
	status int
	header http.Header
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 && status >= 200 {
		r.status, r.header = status, r.ResponseWriter.Header().Clone()
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	r.body.Write(p)
	return r.ResponseWriter.Write(p)
}

// Flush flushes the underlying writer when it can.
func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
