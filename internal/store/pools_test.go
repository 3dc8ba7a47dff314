package store_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// poolUser is code that may touch the store's writer or reader pool, and why.
type poolUser struct {
	file, fn, why string
}

// sanctioned is the one list of code that touches the pools: the chokepoint, and each
// exception with its reason. TestOnlyTheChokepointTouchesThePools fails when any other code
// does, so a new exception is added here, with its reason, or not at all.
var sanctioned = []poolUser{
	{"writer.go", "Store.beginWrite", "the chokepoint's way onto the writer (Store.do, Store.commitAudit, and StaffService.recordFailure, whose failed sign-in must be counted although the call fails): a transaction, after a bounded wait"},
	{"writer.go", "Store.beginRead", "the chokepoint's way onto the reader pool (Store.readTx): a transaction, after a bounded wait"},
	{"audit_verify.go", "Store.VerifyAuditChain", "checks the audit log's hash chain for whoever holds the database (carepath audit verify): reads audit_log and audit_shown in one snapshot on the reader pool, returns row ids, times and hashes only"},
	{"restore_audit.go", "Store.LastAuditMark", "carepath restore: the newest audit row of the database just restored, read before anything else is written to it; ids and hashes only"},
	{"restore_audit.go", "Store.AuditRowsAfter", "carepath restore: the audit rows of the database being replaced that the backup lacks, read to be carried into the restored log (RecordRestore appends them through the chokepoint)"},
	{"store.go", "New", "keeps the pools the store is given"},
	{"store.go", "Store.Ping", "the health check: reaches both pools, reads nothing"},
	{"stats.go", "Store.PoolStats", "the metrics: the pools' counters (connections open, in use, waits), no data"},
	{"client_of.go", "Store.clientOf", "reads only the client id of a record a call names, before check(), so that the call's audit row names the client even when the call is refused; the id goes to no one but the audit row"},
	{"signin_session.go", "NewSignInSessionStore", "sign-in sessions (scs): read and written on every page request, hold no client data and are not audited; on the writer because SQLite's reader pool is read-only"},
}

// pools are the Store fields that hold the pools.
var pools = []string{"writePool", "readPool"}

// TestOnlyTheChokepointTouchesThePools parses the store's Go files and fails when code other
// than the sanctioned list selects the writer or the reader pool, when the Store gains another
// *sql.DB, or when a function of the store hands a pool out.
func TestOnlyTheChokepointTouchesThePools(t *testing.T) {
	fset := token.NewFileSet()
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	found := map[poolUser]bool{}
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			name := declName(d)
			ast.Inspect(d, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.SelectorExpr:
					if slices.Contains(pools, n.Sel.Name) {
						found[poolUser{file: p, fn: name}] = true
					}
				case *ast.KeyValueExpr: // Store{writePool: …}
					if id, ok := n.Key.(*ast.Ident); ok && slices.Contains(pools, id.Name) {
						found[poolUser{file: p, fn: name}] = true
					}
				case *ast.FuncType:
					if n.Results != nil {
						for _, r := range n.Results.List {
							if isSQLDB(r.Type) && name != "" && ast.IsExported(strings.TrimPrefix(name, "Store.")) {
								t.Errorf("%s: %s returns a *sql.DB: the pools are never handed out", p, name)
							}
						}
					}
				case *ast.TypeSpec:
					if n.Name.Name == "Store" {
						checkStoreFields(t, n)
					}
				}
				return true
			})
		}
	}
	for u := range found {
		if !slices.ContainsFunc(sanctioned, func(s poolUser) bool { return s.file == u.file && s.fn == u.fn }) {
			t.Errorf("%s: %s touches a pool; go through the chokepoint (Store.do) or add it to sanctioned with the reason", u.file, u.fn)
		}
	}
	for _, s := range sanctioned {
		if !found[poolUser{file: s.file, fn: s.fn}] {
			t.Errorf("sanctioned %s in %s no longer touches a pool: take it off the list", s.fn, s.file)
		}
	}
}

// checkStoreFields fails unless the Store's *sql.DB fields are exactly the pools.
func checkStoreFields(t *testing.T, ts *ast.TypeSpec) {
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		t.Fatal("Store is not a struct")
	}
	var dbs []string
	for _, f := range st.Fields.List {
		if isSQLDB(f.Type) {
			for _, n := range f.Names {
				dbs = append(dbs, n.Name)
			}
		}
	}
	sort.Strings(dbs)
	want := slices.Sorted(slices.Values(pools))
	if !slices.Equal(dbs, want) {
		t.Errorf("Store's *sql.DB fields are %v, want %v: a new pool needs its place in the chokepoint", dbs, want)
	}
}

// TestOnlyAdaptersImportDatabaseSQL fails when a package other than the store, the engines,
// the wiring and the test support imports database/sql: pages, the API and the pure packages
// reach the database only through the services.
func TestOnlyAdaptersImportDatabaseSQL(t *testing.T) {
	allowed := []string{"internal/store", "internal/store/storetest", "internal/sqlite", "internal/postgres",
		"internal/app", "internal/app/apptest"}
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir, _ := filepath.Rel(root, filepath.Dir(p))
		for _, im := range f.Imports {
			if path, _ := strconv.Unquote(im.Path.Value); path == "database/sql" && !slices.Contains(allowed, filepath.ToSlash(dir)) {
				t.Errorf("%s imports database/sql; only %v may", p, allowed)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// declName names a declaration: "Recv.Method", "Func", or "" for other declarations.
func declName(d ast.Decl) string {
	fd, ok := d.(*ast.FuncDecl)
	if !ok {
		return ""
	}
	if fd.Recv == nil {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + fd.Name.Name
	}
	return fd.Name.Name
}

// isSQLDB reports whether e is *sql.DB.
func isSQLDB(e ast.Expr) bool {
	star, ok := e.(*ast.StarExpr)
	if !ok {
		return false
	}
	sel, ok := star.X.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "sql" && sel.Sel.Name == "DB"
}
