package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/carepath/carepath"
)

// page is what every page's view model starts with.
type page struct {
	Title  string
	Crisis bool // show the crisis banner at the top
	// AnswerLink marks the public answer pages (/m/{token}): the footer says what is stored
	// and who sees it. (The decision aid's pages say "nothing is stored" in their own
	// footer_note block; every other page has the plain footer.)
	AnswerLink bool
	// Nav is the staff menu, on every page a signed-in staff member sees; render fills it.
	Nav *staffNav
	// Zone is the zone the page shows instants in (zones.go); render fills it with the
	// viewer's when the handler leaves it nil.
	Zone *time.Location
}

// errorView is the view model of the error page.
type errorView struct {
	page
	Message string
}

// funcs are the few template functions the pages use.
var funcs = template.FuncMap{
	"money":     func(c carepath.Cents) string { return c.String() },
	"neg":       func(c carepath.Cents) carepath.Cents { return -c },
	"levelName": func(l carepath.Level) string { return l.Name() },
	"inc":       func(i int) int { return i + 1 },
	"join":      strings.Join,
	"list":      func(items ...string) []string { return items },
	// planField is what the safety plan form's field templates read: one field of v.
	"planField": func(field, label string, v safetyPlanFormView) planFieldView {
		f := planFieldView{Field: field, Label: label, Text: v.Text[field], Rows: v.Contacts[field], Error: v.Errors[field]}
		return f
	},
	// below reports whether level a is less care than level b (a final level below the floor).
	"below":      func(a, b carepath.Level) bool { return b.Valid() && a.Rank() < b.Rank() },
	"at":         atText,
	"atLeast":    atLeast,
	"atSeconds":  atSeconds,
	"dateIn":     dateText,
	"methodName": carepath.PaymentMethodName,
}

// parseTemplates parses each page together with the layout, once.
func parseTemplates() (map[string]*template.Template, error) {
	names, err := templateFS.ReadDir("templates")
	if err != nil {
		return nil, fmt.Errorf("read templates: %w", err)
	}
	pages := map[string]*template.Template{}
	for _, e := range names {
		name := strings.TrimSuffix(e.Name(), ".html")
		if name == "layout" || strings.HasPrefix(name, "_") {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+e.Name())
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", e.Name(), err)
		}
		pages[name] = t
	}
	return pages, nil
}

// framed returns view with its page's staff menu and zone filled in, for a request of a
// signed-in staff member. The view models embed page, so a copy of view is changed through
// reflection; any other view is returned as it is.
func (s *Server) framed(r *http.Request, view any) any {
	if r == nil || view == nil {
		return view
	}
	who, ok := staffOf(r)
	if !ok {
		return view
	}
	v := reflect.ValueOf(view)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	} else {
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		v = c
	}
	if v.Kind() != reflect.Struct {
		return view
	}
	nav, zone := v.FieldByName("Nav"), v.FieldByName("Zone")
	if !nav.IsValid() || !nav.CanSet() || nav.Type() != reflect.TypeFor[*staffNav]() {
		return view
	}
	n := s.navFor(who, r.URL.Path)
	n.DemoNoTOTP = demoWithoutTOTP(r)
	nav.Set(reflect.ValueOf(n))
	if zone.IsValid() && zone.CanSet() && zone.IsNil() {
		zone.Set(reflect.ValueOf(s.viewerZone(r)))
	}
	return v.Interface()
}

// render executes a page into a buffer first, so a template error never sends half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, view any) {
	t, ok := s.pages[name]
	var buf bytes.Buffer
	if !ok {
		s.Log.Error("unknown template", "name", name)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	if err := t.Execute(&buf, s.framed(r, view)); err != nil {
		s.Log.Error("render failed", "template", name, "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
