package storetest_test

import (
	"context"
	"database/sql"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/postgres"
	"github.com/carepath/carepath/internal/sqlite"
	"github.com/carepath/carepath/internal/store/storetest"
	"github.com/pressly/goose/v3"
)

// The migration directories, as the engines embed them.
var (
	sqliteMigrations   = os.DirFS("../../sqlite/migrations")
	postgresMigrations = os.DirFS("../../postgres/migrations")
)

// TestMigrationVersionsMatch checks that both engines hold the same migrations: the same
// version numbers, each once, under the same names.
func TestMigrationVersionsMatch(t *testing.T) {
	lite, pg := migrationNames(t, sqliteMigrations), migrationNames(t, postgresMigrations)
	if !slices.Equal(lite, pg) {
		t.Errorf("SQLite has %v,\nPostgreSQL has %v", lite, pg)
	}
	seen := map[string]bool{}
	for _, name := range lite {
		version, _, _ := strings.Cut(name, "_")
		if seen[version] {
			t.Errorf("version %s is used twice", version)
		}
		seen[version] = true
	}
	if want := sqlite.LatestMigration(); want != postgres.LatestMigration() || want == 0 {
		t.Errorf("latest versions: SQLite %d, PostgreSQL %d", want, postgres.LatestMigration())
	}
}

// migrationNames lists a directory's .sql files, sorted.
func migrationNames(t *testing.T, fsys fs.FS) []string {
	t.Helper()
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("no migrations: %v", err)
	}
	slices.Sort(names)
	return names
}

// TestMigratedSchemasMatch checks that both engines, once migrated, hold the same tables with
// the same columns. The PostgreSQL half runs when CAREPATH_TEST_POSTGRES is set.
func TestMigratedSchemasMatch(t *testing.T) {
	lite := columns(t, storetest.SQLite(t).Write, "sqlite")
	if len(lite) == 0 {
		t.Fatal("the migrated SQLite database has no tables")
	}
	pg := columns(t, storetest.Postgres(t).Write, "postgres")
	for _, c := range lite {
		if !slices.Contains(pg, c) {
			t.Errorf("only SQLite has %s", c)
		}
	}
	for _, c := range pg {
		if !slices.Contains(lite, c) {
			t.Errorf("only PostgreSQL has %s", c)
		}
	}
}

// columns lists "table.column" for every table of the database (the test's schema on
// PostgreSQL), sorted.
func columns(t *testing.T, db *sql.DB, engine string) []string {
	t.Helper()
	query := `SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY 1, 2`
	if engine == "postgres" {
		query = `SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = current_schema() ORDER BY 1, 2`
	}
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s columns: %v", engine, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var table, column string
		if err := rows.Scan(&table, &column); err != nil {
			t.Fatal(err)
		}
		out = append(out, table+"."+column)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestMigrationsDownAndUp runs every migration's Down section, newest first, down to an empty
// database, then every Up again, on each engine: nothing may be left but goose's own table,
// and the schema after must equal the schema before.
func TestMigrationsDownAndUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		dialect, fsys := goose.DialectSQLite3, sqliteMigrations
		if env.Engine == "postgres" {
			dialect, fsys = goose.DialectPostgres, postgresMigrations
		}
		ctx := context.Background()
		p, err := goose.NewProvider(dialect, env.Write, fsys, goose.WithDisableGlobalRegistry(true))
		if err != nil {
			t.Fatal(err)
		}
		before := columns(t, env.Write, env.Engine)
		results, err := p.DownTo(ctx, 0)
		if err != nil {
			t.Fatalf("down: %v", err)
		}
		if len(results) != len(migrationNames(t, fsys)) {
			t.Errorf("down ran %d migrations, want all %d", len(results), len(migrationNames(t, fsys)))
		}
		var left []string
		for _, c := range columns(t, env.Write, env.Engine) {
			if !strings.HasPrefix(c, "goose_db_version.") {
				left = append(left, c)
			}
		}
		if len(left) > 0 {
			t.Errorf("after every Down, still there: %v", left)
		}
		if _, err := p.Up(ctx); err != nil {
			t.Fatalf("up again: %v", err)
		}
		if after := columns(t, env.Write, env.Engine); !slices.Equal(after, before) {
			t.Errorf("the schema after down and up differs:\nbefore %v\nafter  %v", before, after)
		}
	})
}
