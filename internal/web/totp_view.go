package web

import (
	"bytes"
	"encoding/base64"
	"html/template"
	"image/png"
	"net/http"
	"strings"

	"github.com/carepath/carepath/access"
	"github.com/pquerna/otp"
)

// The session keys of a TOTP enrolment waiting for its first code, and of the message shown
// once it is confirmed. The secret stays on the server, in the session; the page shows it to
// its owner only.
const (
	sessTOTPSecret = "totp_pending_secret"
	sessTOTPURL    = "totp_pending_url"
	sessTOTPOld    = "totp_pending_replacing"
	sessTOTPDone   = "totp_done"
)

// totpView is the view model of the TOTP enrolment page.
type totpView struct {
	page
	Who       signedIn
	Done      bool         // the second factor was just confirmed
	Required  bool         // the account's role must use one (access.MustUseTOTP): no other page until then
	Replacing bool         // the account already has a second factor
	QR        template.URL // a data: URL of the QR code's PNG
	Secret    string       // the secret in groups of four, for typing in
	Errors    map[string]string
	Summary   []errorLink
}

// renderTOTP shows the enrolment form for the pending secret, beginning a new enrolment when
// the session holds none.
func (s *Server) renderTOTP(w http.ResponseWriter, r *http.Request, who signedIn, status int, errs map[string]string) {
	m := s.manager(r)
	v := totpView{page: page{Title: "Authenticator app"}, Who: who, Errors: errs, Required: access.MustUseTOTP(who.Role)}
	secret, url := m.GetString(r.Context(), sessTOTPSecret), m.GetString(r.Context(), sessTOTPURL)
	v.Replacing = m.GetBool(r.Context(), sessTOTPOld)
	if secret == "" || url == "" {
		e, err := s.Staff.BeginTOTP(r.Context())
		if err != nil {
			s.fail(w, r, "begin totp", err, totpErrors)
			return
		}
		secret, url, v.Replacing = e.Secret, e.URL, e.Replacing
		m.Put(r.Context(), sessTOTPSecret, secret)
		m.Put(r.Context(), sessTOTPURL, url)
		m.Put(r.Context(), sessTOTPOld, e.Replacing)
	}
	qr, err := qrDataURL(url)
	if err != nil {
		s.Log.Error("totp qr code", "err", err)
	}
	v.QR, v.Secret = qr, groupSecret(secret)
	for _, id := range []string{"totp-password", "totp-current-code", "totp-code"} {
		if m, ok := errs[id]; ok {
			v.Summary = append(v.Summary, errorLink{id, m})
		}
	}
	s.render(w, r, status, "totp", v)
}

// qrDataURL draws the otpauth:// URL as a QR code and returns it as a PNG data: URL, made
// here, so the page asks no other site for anything.
func qrDataURL(url string) (template.URL, error) {
	key, err := otp.NewKeyFromURL(url)
	if err != nil {
		return "", err
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", err
	}
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())), nil
}

// totpFieldAnchor is the element id that shows a service field error of the form.
func totpFieldAnchor(field string) string {
	switch field {
	case "password":
		return "totp-password"
	case "current_code":
		return "totp-current-code"
	}
	return "totp-code"
}

// groupSecret spaces a base32 secret into groups of four letters, for reading and typing.
func groupSecret(secret string) string {
	var b strings.Builder
	for i, c := range secret {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}
