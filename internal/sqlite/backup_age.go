package sqlite

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"filippo.io/age"
)

// ageHeader starts every age-encrypted file.
const ageHeader = "age-encryption.org/v1\n"

// ParseRecipients reads backup recipients: age X25519 public keys ("age1…"), separated by
// commas or spaces.
func ParseRecipients(list string) ([]age.Recipient, error) {
	var rs []age.Recipient
	for _, f := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' }) {
		r, err := age.ParseX25519Recipient(f)
		if err != nil {
			return nil, fmt.Errorf("recipient %q: not an age public key (age1…): %w", f, err)
		}
		rs = append(rs, r)
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("no recipient: give an age public key (age1…)")
	}
	return rs, nil
}

// BackupEncrypted writes a consistent copy of the database at src to dest, encrypted with
// age to recipients, so that only the holders of their identities can read it. The copy
// (Backup's snapshot) exists in the clear only as a private temporary file next to dest,
// removed before BackupEncrypted returns; dest is written to a temporary file too, synced and
// moved into place, so it is either absent or complete.
func BackupEncrypted(ctx context.Context, src, dest string, force bool, recipients []age.Recipient) error {
	if err := plainPath(dest); err != nil {
		return err
	}
	if !force {
		if _, err := os.Lstat(dest); err == nil {
			return fmt.Errorf("backup: %s: %w", dest, ErrExists)
		}
	}
	plain, err := tempPath(dest)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer removeDB(plain)
	if err := os.Remove(plain); err != nil { // VACUUM INTO wants to create the file itself
		return fmt.Errorf("backup: %w", err)
	}
	if err := Backup(ctx, src, plain, false); err != nil {
		return err
	}
	sealed, err := tempPath(dest)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(sealed)
	if err := encryptFile(plain, sealed, recipients); err != nil {
		return fmt.Errorf("backup: encrypt: %w", err)
	}
	if err := install(sealed, dest, force); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// encryptFile encrypts the file src into the existing file dst and syncs it.
func encryptFile(src, dst string, recipients []age.Recipient) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	defer out.Close()
	w, err := age.Encrypt(out, recipients...)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, in); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := out.Sync(); err != nil {
		return err
	}
	return out.Close()
}

// IsEncrypted reports whether the file at path is age-encrypted.
func IsEncrypted(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, len(ageHeader))
	n, _ := io.ReadFull(f, head)
	return bytes.Equal(head[:n], []byte(ageHeader)), nil
}

// ParseIdentityFile reads age identities (AGE-SECRET-KEY-1…, one a line) from the file at path.
func ParseIdentityFile(path string) ([]age.Identity, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("identity: %w", err)
	}
	defer f.Close()
	ids, err := age.ParseIdentities(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("identity %s: %w", path, err)
	}
	return ids, nil
}

// RestoreEncrypted is Restore for a backup BackupEncrypted wrote: it decrypts from with
// identities into a private temporary file next to dest, restores that, and removes it.
func RestoreEncrypted(ctx context.Context, from, dest string, force bool, identities []age.Identity) (int64, error) {
	if err := plainPath(dest); err != nil {
		return 0, err
	}
	plain, err := tempPath(dest)
	if err != nil {
		return 0, fmt.Errorf("restore: %w", err)
	}
	defer removeDB(plain)
	if err := decryptFile(from, plain, identities); err != nil {
		return 0, fmt.Errorf("restore: %s: %w", from, err)
	}
	return Restore(ctx, plain, dest, force)
}

// decryptFile decrypts the age file src into the existing file dst and syncs it.
func decryptFile(src, dst string, identities []age.Identity) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	r, err := age.Decrypt(bufio.NewReader(in), identities...)
	if err != nil {
		return fmt.Errorf("decrypt: %w", err)
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	defer out.Close()
	if _, err := io.Copy(out, r); err != nil {
		return fmt.Errorf("decrypt: %w", err)
	}
	if err := out.Sync(); err != nil {
		return err
	}
	return out.Close()
}
