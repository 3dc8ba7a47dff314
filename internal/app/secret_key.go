package app

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/carepath/carepath/internal/sqlite"
	"github.com/carepath/carepath/internal/store"
)

// SecretKeyEnv is the environment variable that may hold the secret key (32 random bytes in
// base64, e.g. from "openssl rand -base64 32"); it wins over a key file.
const SecretKeyEnv = "CAREPATH_SECRET_KEY"

// OpenOption changes how Open opens a database.
type OpenOption func(*openOptions)

type openOptions struct {
	keyFile string
}

// SecretKeyFile names the file the secret key is read from (created, 0600, with a new key
// when it does not exist). Without it the key file sits beside a SQLite database
// ("<db>.key"), or is carepath.key in the working folder for PostgreSQL.
func SecretKeyFile(path string) OpenOption { return func(o *openOptions) { o.keyFile = path } }

// DefaultSecretKeyFile is the key file used for dsn when no other is named.
func DefaultSecretKeyFile(dsn string) string {
	if IsPostgresURL(dsn) {
		return "carepath.key"
	}
	return dsn + ".key"
}

// loadSecretKey returns the key that seals secrets at rest: from SecretKeyEnv, else from the
// key file, which is made (0600, a new random key) when it does not exist. The notices say
// what the operator must know: a key was generated, or a key file was made private.
func loadSecretKey(dsn, file string) ([]byte, []string, error) {
	if v := strings.TrimSpace(os.Getenv(SecretKeyEnv)); v != "" {
		key, err := decodeKey(v)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", SecretKeyEnv, err)
		}
		return key, nil, nil
	}
	if file == "" {
		file = DefaultSecretKeyFile(dsn)
	}
	b, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		key := make([]byte, store.SecretKeySize)
		if _, err := rand.Read(key); err != nil {
			return nil, nil, fmt.Errorf("secret key: %w", err)
		}
		if err := writeKeyFile(file, key); err != nil {
			return nil, nil, err
		}
		return key, []string{fmt.Sprintf("generated a new secret key in %s (it seals TOTP secrets; keep it safe and apart from backups: without it enrolled second factors must be reset)", file)}, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("secret key file: %w", err)
	}
	key, err := decodeKey(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, nil, fmt.Errorf("secret key file %s: %w", file, err)
	}
	notices, err := sqlite.Tighten(file)
	return key, notices, err
}

// writeKeyFile writes key in base64 to a new file (0600), in a folder made 0700 if missing.
func writeKeyFile(path string, key []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), sqlite.DirMode); err != nil {
		return fmt.Errorf("secret key file: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, sqlite.FileMode)
	if err != nil {
		return fmt.Errorf("secret key file: %w", err)
	}
	if _, err := f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n"); err != nil {
		f.Close()
		return fmt.Errorf("secret key file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("secret key file: %w", err)
	}
	return f.Close()
}

// decodeKey reads a key given as base64 (standard or URL alphabet) or hex of 32 bytes.
func decodeKey(s string) ([]byte, error) {
	for _, dec := range []func(string) ([]byte, error){base64.StdEncoding.DecodeString, base64.RawStdEncoding.DecodeString,
		base64.URLEncoding.DecodeString, base64.RawURLEncoding.DecodeString, hex.DecodeString} {
		if b, err := dec(s); err == nil && len(b) == store.SecretKeySize {
			return b, nil
		}
	}
	return nil, fmt.Errorf("give %d random bytes in base64 (openssl rand -base64 32)", store.SecretKeySize)
}
