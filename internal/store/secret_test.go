package store_test

import (
	"context"
	"crypto/rand"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
	"github.com/pquerna/otp/totp"
)

// TestTOTPSecretEncryptedAtRest enrols a second factor: the staff row holds the secret sealed
// (never the base32 secret), sign-in with a code works, a store with another key cannot open
// it, and a secret stored in the clear before sealing existed is sealed at start-up and keeps
// working.
func TestTOTPSecretEncryptedAtRest(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewStaffService(env.Store)
		st := newStaff(t, svc, "ana@example.org", carepath.RoleClinician)
		secret, _, err := svc.EnableTOTP(as(carepath.RoleSystem), "ana@example.org")
		if err != nil {
			t.Fatal(err)
		}
		var stored string
		if err := env.Write.QueryRow(`SELECT totp_secret FROM staff WHERE id = $1`, st.ID).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(stored, "xc1:") || strings.Contains(strings.ToUpper(stored), secret) {
			t.Fatalf("stored secret %q is not sealed", stored)
		}
		code, _ := totp.GenerateCode(secret, time.Now())
		pub := as(carepath.RolePublic)
		if _, err := svc.Authenticate(pub, "ana@example.org", testPassword, code, "192.0.2.1"); err != nil {
			t.Fatalf("sign-in with the sealed secret: %v", err)
		}

		// Another key opens nothing.
		other := store.New(env.Write, env.Read, env.Store.Dialect())
		key := make([]byte, store.SecretKeySize)
		rand.Read(key)
		other.UseSecretKey(key)
		later, _ := totp.GenerateCode(secret, time.Now().Add(30*time.Second))
		if _, err := store.NewStaffService(other).Authenticate(pub, "ana@example.org", testPassword, later, "192.0.2.1"); err == nil {
			t.Error("a store with another key signed in with the sealed secret")
		}

		// A secret stored in the clear (before sealing) is sealed by SealTOTPSecrets.
		ben := newStaff(t, svc, "ben@example.org", carepath.RoleClinician)
		plain := "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
		if _, err := env.Write.Exec(`UPDATE staff SET totp_secret = $1 WHERE id = $2`, plain, ben.ID); err != nil {
			t.Fatal(err)
		}
		if n, err := env.Store.SealTOTPSecrets(context.Background()); err != nil || n != 1 {
			t.Fatalf("SealTOTPSecrets: %d %v", n, err)
		}
		env.Write.QueryRow(`SELECT totp_secret FROM staff WHERE id = $1`, ben.ID).Scan(&stored)
		if !strings.HasPrefix(stored, "xc1:") {
			t.Errorf("plain secret left as %q", stored)
		}
		code, _ = totp.GenerateCode(plain, time.Now())
		if _, err := svc.Authenticate(pub, "ben@example.org", testPassword, code, "192.0.2.2"); err != nil {
			t.Errorf("sign-in after sealing: %v", err)
		}
	})
}
