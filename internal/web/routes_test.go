package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestFilesFollowTheNamingRule checks the rule written at the top of routes.go: each handler
// the route table names lives in the file named after it (clientShow in client_show.go; the
// owner variants calendarFeedEditStaff and calendarFeedEditClient in calendar_feed_edit.go),
// and every other file is a subject's _view.go or _input.go, or one of the files the rule
// names.
func TestFilesFollowTheNamingRule(t *testing.T) {
	fset := token.NewFileSet()
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fileOf := map[string]string{} // Server method → file
	var files []*ast.File
	var names []string
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files, names = append(files, f), append(names, p)
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil {
				if star, ok := fd.Recv.List[0].Type.(*ast.StarExpr); ok {
					if id, ok := star.X.(*ast.Ident); ok && id.Name == "Server" {
						fileOf[fd.Name.Name] = p
					}
				}
			}
		}
	}
	handlers := routeHandlers(t, files)
	if len(handlers) < 100 {
		t.Fatalf("found %d handlers in the route table; the test no longer reads it", len(handlers))
	}
	handlerFiles := map[string]bool{}
	for _, h := range handlers {
		file := fileOf[h]
		handlerFiles[file] = true
		if file == "server.go" && (h == "redirectHome" || h == "notFound") {
			continue
		}
		stem, want := strings.TrimSuffix(file, ".go"), snake(h)
		if want != stem && !strings.HasPrefix(want, stem+"_") {
			t.Errorf("handler %s is in %s; the rule puts it in %s.go", h, file, want)
		}
	}
	named := []string{"server.go", "routes.go", "render.go", "error.go", "sign_in.go", "fields.go", "names.go",
		"dates.go", "scorecard_cache.go", "nav.go", "zones.go", "kept_form.go", "busy.go", "double_booking.go", "links.go",
		"totp_gate.go", "concurrent.go"}
	for _, p := range names {
		if handlerFiles[p] || slices.Contains(named, p) || strings.HasSuffix(p, "_view.go") || strings.HasSuffix(p, "_input.go") {
			continue
		}
		t.Errorf("%s is neither a handler's file, a _view.go or _input.go, nor a file the rule names", p)
	}
}

// routeHandlers returns the Server methods Register hands to mux.Handle and mux.HandleFunc,
// through any wrapper (requireStaff, limitAnswers).
func routeHandlers(t *testing.T, files []*ast.File) []string {
	var out []string
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Name.Name != "Register" {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok || (sel.Sel.Name != "Handle" && sel.Sel.Name != "HandleFunc") || len(call.Args) != 2 {
					return true
				}
				if h := innermost(call.Args[1]); h != "" {
					out = append(out, h)
				}
				return false
			})
		}
	}
	return out
}

// innermost returns the name of the s.method an expression hands on: s.x, or s.wrap(s.x).
func innermost(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.SelectorExpr:
		if id, ok := e.X.(*ast.Ident); ok && id.Name == "s" {
			return e.Sel.Name
		}
	case *ast.CallExpr:
		if len(e.Args) == 1 {
			return innermost(e.Args[0])
		}
	}
	return ""
}

// snake writes a Go name in snake case: clientAvailabilityEdit → client_availability_edit.
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
