package store

import (
	"context"
	"crypto/cipher"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"golang.org/x/crypto/chacha20poly1305"
)

// sealedPrefix starts every sealed secret (a TOTP secret at rest): XChaCha20-Poly1305 under
// the secret key, the 24-byte random nonce first, base64url. A value without it was stored
// before secrets were sealed; SealTOTPSecrets seals those.
const sealedPrefix = "xc1:"

// SecretKeySize is the size of the key that seals secrets at rest: 32 bytes.
const SecretKeySize = chacha20poly1305.KeySize

// UseSecretKey sets the key that seals TOTP secrets at rest. Without one, enrolling or
// checking a second factor fails (EINTERNAL). The key is never stored in the database, so
// a copy of the database or a backup alone does not reveal the secrets.
func (s *Store) UseSecretKey(key []byte) error {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return fmt.Errorf("secret key: %w", err)
	}
	s.secrets = aead
	return nil
}

// totpAAD binds a sealed TOTP secret to its account, so one account's sealed secret copied
// into another's row does not open.
func totpAAD(staffID string) []byte { return []byte("carepath totp secret " + staffID) }

// sealSecret seals plain for the account staffID.
func (s *Store) sealSecret(staffID, plain string) (string, error) {
	aead, err := s.secretBox()
	if err != nil {
		return "", err
	}
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plain)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("nonce: %w", err)
	}
	return sealedPrefix + base64.RawURLEncoding.EncodeToString(aead.Seal(nonce, nonce, []byte(plain), totpAAD(staffID))), nil
}

// openSecret opens a secret sealSecret sealed for staffID. A value stored before sealing
// existed is returned as it is.
func (s *Store) openSecret(staffID, stored string) (string, error) {
	raw, ok := strings.CutPrefix(stored, sealedPrefix)
	if !ok {
		return stored, nil
	}
	aead, err := s.secretBox()
	if err != nil {
		return "", err
	}
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil || len(b) < aead.NonceSize()+aead.Overhead() {
		return "", errors.New("sealed secret: malformed")
	}
	plain, err := aead.Open(nil, b[:aead.NonceSize()], b[aead.NonceSize():], totpAAD(staffID))
	if err != nil {
		return "", errors.New("sealed secret: does not open with this secret key (was CAREPATH_SECRET_KEY or the key file changed?)")
	}
	return string(plain), nil
}

func (s *Store) secretBox() (cipher.AEAD, error) {
	if s.secrets == nil {
		return nil, errors.New("no secret key: TOTP secrets cannot be sealed or opened")
	}
	return s.secrets, nil
}

// SealTOTPSecrets seals every TOTP secret still stored in the clear (from before secrets were
// sealed) and returns how many it sealed. It runs as the command line at start-up, audited as
// one staff.update call.
func (s *Store) SealTOTPSecrets(ctx context.Context) (int, error) {
	n := 0
	ctx = carepath.NewContext(ctx, carepath.Actor{ID: "cli:start", Role: carepath.RoleSystem, Remote: "cli"})
	err := s.do(ctx, op{record: access.Staff, action: access.Update, detail: "totp=sealed at rest"}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		rows, err := tx.QueryContext(ctx, `SELECT id, totp_secret FROM staff WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE 'xc1:%'`)
		if err != nil {
			return nil, fmt.Errorf("select secrets: %w", s.translate(err))
		}
		plain := map[string]string{}
		for rows.Next() {
			var id, secret string
			if err := rows.Scan(&id, &secret); err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan secret: %w", err)
			}
			plain[id] = secret
		}
		rows.Close()
		var refs []ref
		for id, secret := range plain {
			sealed, err := s.sealSecret(id, secret)
			if err != nil {
				return nil, err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE staff SET totp_secret = $1 WHERE id = $2`, sealed, id); err != nil {
				return nil, fmt.Errorf("seal secret: %w", s.translate(err))
			}
			refs = append(refs, ref{ID: id})
		}
		n = len(refs)
		return refs, nil
	})
	return n, err
}
