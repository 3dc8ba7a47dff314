package sqlite

import (
	"crypto/sha256"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"modernc.org/sqlite"
)

// The permissions of carepath's files: the database, its -wal and -shm, backups and the
// secret key are read and written by the account that runs carepath only, and a folder
// carepath creates for them is that account's only.
const (
	FileMode = 0o600
	DirMode  = 0o700
)

// prepareFile makes sure the database at path is created private: a missing folder is made
// with DirMode and a missing file with FileMode before SQLite opens it (SQLite gives the -wal
// and -shm it creates the database file's permissions). An existing database, -wal or -shm
// that others may read or write is tightened to FileMode; each such change is returned as a
// notice for the log.
func prepareFile(path string) ([]string, error) {
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, DirMode); err != nil {
			return nil, fmt.Errorf("sqlite: create folder: %w", err)
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, FileMode)
	if err == nil {
		return nil, f.Close()
	}
	if !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("sqlite: create database: %w", err)
	}
	return Tighten(path, path+"-wal", path+"-shm")
}

// Tighten sets each existing file of paths that others may read or write to FileMode and
// returns a notice for each one it changed.
func Tighten(paths ...string) ([]string, error) {
	var notices []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return notices, fmt.Errorf("sqlite: %w", err)
		}
		if fi.Mode().Perm()&0o077 == 0 {
			continue
		}
		if err := os.Chmod(p, FileMode); err != nil {
			return notices, fmt.Errorf("sqlite: %s can be read by other users of this machine and could not be made private: %w", p, err)
		}
		notices = append(notices, fmt.Sprintf("%s could be read by other users of this machine (mode %04o); it is now %04o", p, fi.Mode().Perm(), FileMode))
	}
	return notices, nil
}

func init() {
	// carepath_sha256_hex(text) is the hex SHA-256 of its argument: the migration that stores
	// sign-in session tokens as hashes rehashes the existing ones with it.
	err := sqlite.RegisterDeterministicScalarFunction("carepath_sha256_hex", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		var b []byte
		switch v := args[0].(type) {
		case string:
			b = []byte(v)
		case []byte:
			b = v
		case nil:
			return nil, nil
		default:
			return nil, fmt.Errorf("carepath_sha256_hex: %T", v)
		}
		sum := sha256.Sum256(b)
		return hex.EncodeToString(sum[:]), nil
	})
	if err != nil {
		panic(err)
	}
}
