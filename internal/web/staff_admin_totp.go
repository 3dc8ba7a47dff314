package web

import (
	"bytes"
	"encoding/base64"
	"html/template"
	"image/png"
	"net/http"
	"strings"

	"github.com/carepath/carepath"
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
	Replacing bool         // the account already has a second factor
	QR        template.URL // a data: URL of the QR code's PNG
	Secret    string       // the secret in groups of four, for typing in
	Errors    map[string]string
	Summary   []errorLink
}

// totpForm shows a new secret as a QR code and as text, and a field for the first code. The
// same secret is shown until it is confirmed, so reloading the page does not change it.
func (s *Server) totpForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	m := s.manager(r)
	if m.PopBool(r.Context(), sessTOTPDone) {
		s.render(w, r, http.StatusOK, "totp", totpView{page: page{Title: "Authenticator app"}, Who: who, Done: true})
		return
	}
	s.renderTOTP(w, r, who, http.StatusOK, map[string]string{})
}

// totpConfirm checks the first code against the secret the page showed and turns the second
// factor on; from the next sign-in a code is needed. A wrong code shows the same QR code again
// (400); an enrolment lost with its session starts over with a new one (400).
func (s *Server) totpConfirm(w http.ResponseWriter, r *http.Request, who signedIn) {
	m := s.manager(r)
	errs := map[string]string{}
	secret := m.GetString(r.Context(), sessTOTPSecret)
	if err := r.ParseForm(); err != nil {
		errs["totp-code"] = "The form could not be read. Please try again."
		s.renderTOTP(w, r, who, http.StatusBadRequest, errs)
		return
	}
	if secret == "" {
		errs["totp-code"] = "That set-up had expired, so here is a new QR code. Add it to your app and enter the code it shows."
		s.renderTOTP(w, r, who, http.StatusBadRequest, errs)
		return
	}
	err := s.Staff.ConfirmTOTP(r.Context(), secret, r.PostForm.Get("code"))
	switch {
	case err == nil:
		m.Remove(r.Context(), sessTOTPSecret)
		m.Remove(r.Context(), sessTOTPURL)
		m.Remove(r.Context(), sessTOTPOld)
		m.Put(r.Context(), sessTOTPDone, true)
		http.Redirect(w, r, "/staff/account/totp", http.StatusSeeOther)
		return
	case isInvalid(err):
		for _, fe := range carepath.ErrorFields(err) {
			if fe.Field == "secret" {
				m.Remove(r.Context(), sessTOTPSecret)
				m.Remove(r.Context(), sessTOTPURL)
			}
			if _, dup := errs["totp-code"]; !dup {
				errs["totp-code"] = fe.Message
			}
		}
		if len(errs) == 0 {
			errs["totp-code"] = carepath.ErrorMessage(err)
		}
	default:
		if _, _, ok := s.failOrShow(w, r, "confirm totp", err, totpErrors, http.StatusInternalServerError); !ok {
			return
		}
		errs["totp-code"] = "The code could not be checked just now. Nothing was changed; please try again in a minute."
	}
	s.renderTOTP(w, r, who, http.StatusBadRequest, errs)
}

// renderTOTP shows the enrolment form for the pending secret, beginning a new enrolment when
// the session holds none.
func (s *Server) renderTOTP(w http.ResponseWriter, r *http.Request, who signedIn, status int, errs map[string]string) {
	m := s.manager(r)
	v := totpView{page: page{Title: "Authenticator app"}, Who: who, Errors: errs}
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
	if _, ok := errs["totp-code"]; ok {
		v.Summary = []errorLink{{"totp-code", errs["totp-code"]}}
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
