package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/carepath/carepath"
)

// Prefix is the path every API route starts with. Register answers every other request under
// it (an unknown path, a known path with an unserved method) with problem details.
const Prefix = "/api/v1/"

// routeTable is the Mux Register adds the API's routes to: it passes each route on to the
// real mux and keeps its method and path, so that a miss can say which methods a path has.
type routeTable struct {
	mux    Mux
	routes []route
}

// route is one registered pattern: its method and its path split into segments.
type route struct {
	method   string
	segments []string
}

func (t *routeTable) Handle(pattern string, h http.Handler) {
	t.keep(pattern)
	t.mux.Handle(pattern, h)
}

func (t *routeTable) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	t.keep(pattern)
	t.mux.HandleFunc(pattern, h)
}

func (t *routeTable) keep(pattern string) {
	method, path, _ := strings.Cut(pattern, " ")
	t.routes = append(t.routes, route{method: method, segments: strings.Split(path, "/")})
}

// allowed returns the methods the routes serve at path, with HEAD wherever GET is, sorted.
func (t *routeTable) allowed(path string) []string {
	segments := strings.Split(path, "/")
	var methods []string
	for _, r := range t.routes {
		if r.matches(segments) && !slices.Contains(methods, r.method) {
			methods = append(methods, r.method)
			if r.method == http.MethodGet && !slices.Contains(methods, http.MethodHead) {
				methods = append(methods, http.MethodHead)
			}
		}
	}
	slices.Sort(methods)
	return methods
}

// matches reports whether a request path (split into segments) fits the route's pattern: a
// {name} wildcard takes one non-empty segment, {name...} the rest.
func (r route) matches(segments []string) bool {
	for i, p := range r.segments {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "...}") {
			return i < len(segments)
		}
		if i >= len(segments) {
			return false
		}
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			if segments[i] == "" {
				return false
			}
		} else if p != segments[i] {
			return false
		}
	}
	return len(segments) == len(r.segments)
}

// miss answers a request under Prefix that no route serves: 405 with an Allow header when the
// path exists for other methods, 404 otherwise, both as problem details.
func (t *routeTable) miss(w http.ResponseWriter, r *http.Request) {
	allowed := t.allowed(r.URL.Path)
	if len(allowed) == 0 {
		writeProblem(w, http.StatusNotFound, "There is no API endpoint at this address; see /api/v1/openapi.json.", nil)
		return
	}
	w.Header().Set("Allow", strings.Join(allowed, ", "))
	writeProblem(w, http.StatusMethodNotAllowed, "This endpoint answers "+strings.Join(allowed, ", ")+", not "+r.Method+".", nil)
}

// writeProblem writes problem details with status, detail and the field errors.
func writeProblem(w http.ResponseWriter, status int, detail string, fields []carepath.FieldError) {
	WriteProblem(w, Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail, Errors: fields})
}
