package fhir

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
)

// routes builds the router from the table of resource types: for each type, read, search by
// GET and by POST to _search, create when the type takes one, and $everything on Patient.
func (h *Handler) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+Prefix+"/metadata", h.metadata)
	for _, t := range h.types {
		base := Prefix + "/" + t.name
		mux.HandleFunc("GET "+base+"/{id}", h.signedIn(func(w http.ResponseWriter, r *http.Request) { h.read(w, r, t) }))
		mux.HandleFunc("GET "+base, h.signedIn(func(w http.ResponseWriter, r *http.Request) { h.search(w, r, t, r.URL.Query()) }))
		mux.HandleFunc("POST "+base+"/_search", h.signedIn(func(w http.ResponseWriter, r *http.Request) {
			r.Body = http.MaxBytesReader(w, r.Body, maxBody)
			if err := r.ParseForm(); err != nil {
				h.writeError(w, r, badRequest("invalid", "The search form could not be read."))
				return
			}
			h.search(w, r, t, r.Form)
		}))
		if t.create != nil {
			mux.HandleFunc("POST "+base, h.signedIn(func(w http.ResponseWriter, r *http.Request) { t.create(h, w, r) }))
		}
		if t.everything {
			mux.HandleFunc("GET "+base+"/{id}/$everything", h.signedIn(h.everything))
		}
	}
	mux.HandleFunc(Prefix+"/", h.unrouted)
	return mux
}

// maxBody is the largest request body the handler reads.
const maxBody = 1 << 20

// signedIn signs a request in with Options.SignIn when its context carries no actor, and
// refuses it with 401 when that fails or there is no way to sign in.
func (h *Handler) signedIn(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, ok := carepath.ActorFrom(r.Context()); !ok {
			if h.opt.SignIn == nil {
				h.writeError(w, r, carepath.Errorf(carepath.EUNAUTHORIZED, "Please sign in: send an API token as Authorization: Bearer <token>, or sign in at /login."))
				return
			}
			ctx, err := h.opt.SignIn(r)
			if err != nil {
				h.writeError(w, r, err)
				return
			}
			r = r.WithContext(ctx)
		}
		next(w, r)
	}
}

// unrouted answers what no route serves: 405 for a method a known path does not take, 404 for
// an unknown resource type or path.
func (h *Handler) unrouted(w http.ResponseWriter, r *http.Request) {
	rest := strings.Trim(strings.TrimPrefix(r.URL.Path, Prefix), "/")
	typ, _, _ := strings.Cut(rest, "/")
	if t := h.byName[typ]; t != nil || typ == "metadata" {
		h.write(w, r, http.StatusMethodNotAllowed, &r4.OperationOutcome{ResourceType: "OperationOutcome", Issue: []r4.Issue{{
			Severity: "error", Code: "not-supported",
			Diagnostics: r.Method + " is not supported here; the CapabilityStatement at /metadata lists what is."}}})
		return
	}
	h.write(w, r, http.StatusNotFound, &r4.OperationOutcome{ResourceType: "OperationOutcome", Issue: []r4.Issue{{
		Severity: "error", Code: "not-supported",
		Diagnostics: "This server does not serve this resource type or path; the CapabilityStatement at /metadata lists what it does."}}})
}

// validID matches a FHIR id.
var validID = regexp.MustCompile(`^[A-Za-z0-9\-.]{1,64}$`)

// read serves GET /<type>/{id}: 404 when there is no such record or the actor may not see it.
func (h *Handler) read(w http.ResponseWriter, r *http.Request, t *resourceType) {
	id := r.PathValue("id")
	if !validID.MatchString(id) {
		h.writeError(w, r, notFound(t.name, id))
		return
	}
	res, err := t.read(r.Context(), h, id)
	if isNotFound(err) {
		err = notFound(t.name, id)
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	setVersionHeaders(w, res.ResourceMeta())
	h.write(w, r, http.StatusOK, res)
}

// setVersionHeaders sets ETag and Last-Modified from a resource's meta.
func setVersionHeaders(w http.ResponseWriter, m *r4.Meta) {
	if m == nil {
		return
	}
	if m.VersionID != "" {
		w.Header().Set("ETag", `W/"`+m.VersionID+`"`)
	}
	if t, ok := parseInstant(m.LastUpdated); ok {
		w.Header().Set("Last-Modified", t.UTC().Format(http.TimeFormat))
	}
}

// search serves GET /<type>?… and POST /<type>/_search with the parameters in values.
func (h *Handler) search(w http.ResponseWriter, r *http.Request, t *resourceType, values url.Values) {
	q, err := h.parseQuery(t, values, strictHandling(r))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	res, err := t.search(r.Context(), h, q)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.write(w, r, http.StatusOK, h.bundle(r, t.name, q, res))
}

// readAll reads each id with t.read, leaving out those that do not exist or that the actor
// may not see.
func readAll(ctx context.Context, h *Handler, t *resourceType, ids []string) ([]r4.Resource, error) {
	var out []r4.Resource
	for _, id := range ids {
		if !validID.MatchString(id) {
			continue
		}
		res, err := t.read(ctx, h, id)
		if isNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, res)
	}
	return out, nil
}

// isNotFound reports whether err says there is no such record (or none the actor may see).
func isNotFound(err error) bool {
	if p, ok := err.(*problem); ok {
		return p.status == http.StatusNotFound
	}
	return carepath.ErrorCode(err) == carepath.ENOTFOUND
}
