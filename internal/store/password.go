package store

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"
)

// argonParams are the argon2id parameters new password hashes use. Production uses OWASP's
// recommended m=64 MiB, t=1, p=2; tests swap in cheaper ones through export_test.go. A
// stored hash carries its own parameters, so changing these never locks anyone out.
type argonParams struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
	KeyLen  uint32
	SaltLen uint32
}

// passwordParams are the parameters new hashes are made with.
var passwordParams = argonParams{Memory: 64 * 1024, Time: 1, Threads: 2, KeyLen: 32, SaltLen: 16}

// The bounds of a password's length, in bytes.
const (
	minPasswordLen = 12
	maxPasswordLen = 1024
)

// hashPassword returns the PHC-style argon2id encoding of password with a new random salt:
// $argon2id$v=19$m=65536,t=1,p=2$<salt>$<hash>, both in unpadded standard base64.
func hashPassword(password string) (string, error) {
	p := passwordParams
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("salt: %w", err)
	}
	key := withHashSlot(func() []byte { return argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen) })
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// checkPassword reports whether password matches the encoded hash, in constant time; a
// password longer than maxPasswordLen never does, and is not hashed. A malformed hash is an
// error.
func checkPassword(encoded, password string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("password hash: not argon2id")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errors.New("password hash: unknown version")
	}
	var p argonParams
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil ||
		p.Memory == 0 || p.Time == 0 || p.Threads == 0 {
		return false, errors.New("password hash: bad parameters")
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, errors.New("password hash: bad salt")
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, errors.New("password hash: bad key")
	}
	if len(password) > maxPasswordLen {
		return false, nil
	}
	got := withHashSlot(func() []byte {
		return argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	})
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash is checked against when the email is unknown, so an unknown account takes as
// long to refuse as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, _ := hashPassword("not a password of anyone's")
	return h
})
