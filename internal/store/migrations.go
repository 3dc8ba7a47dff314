package store

import (
	"io/fs"
	"strconv"
	"strings"
)

// LatestMigration returns the highest version among the numbered migration files
// ("00003_clients.sql") in dir of fsys, the schema version a fully migrated database has.
func LatestMigration(fsys fs.FS, dir string) int64 {
	entries, _ := fs.ReadDir(fsys, dir)
	var latest int64
	for _, e := range entries {
		prefix, _, _ := strings.Cut(e.Name(), "_")
		if v, err := strconv.ParseInt(prefix, 10, 64); err == nil && strings.HasSuffix(e.Name(), ".sql") {
			latest = max(latest, v)
		}
	}
	return latest
}
