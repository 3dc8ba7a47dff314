package notify

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
)

// Email is one plain-text message. MessageID is the id part without angle brackets
// ("id@host"); an empty one gets a random id at Compose.
type Email struct {
	From      string
	To        string
	Subject   string
	Body      string
	MessageID string
	Date      time.Time
}

// Compose writes e as an RFC 5322 message with MIME headers: Date, Message-ID, From, To,
// Subject (encoded when not ASCII), MIME-Version, a UTF-8 text/plain body in quoted-printable,
// and Auto-Submitted so that auto-replies stay away. Lines end in CRLF.
func (e Email) Compose() ([]byte, error) {
	from, err := mail.ParseAddress(e.From)
	if err != nil {
		return nil, fmt.Errorf("from address: %w", err)
	}
	to, err := mail.ParseAddress(e.To)
	if err != nil {
		return nil, fmt.Errorf("to address: %w", err)
	}
	if e.MessageID == "" {
		e.MessageID = RandomMessageID(from.Address)
	}
	if e.Date.IsZero() {
		e.Date = time.Now()
	}
	var b bytes.Buffer
	h := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	h("Date", e.Date.Format(time.RFC1123Z))
	h("Message-ID", "<"+e.MessageID+">")
	h("From", from.String())
	h("To", to.String())
	h("Subject", mime.QEncoding.Encode("utf-8", e.Subject))
	h("MIME-Version", "1.0")
	h("Content-Type", "text/plain; charset=utf-8")
	h("Content-Transfer-Encoding", "quoted-printable")
	h("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	body := strings.ReplaceAll(strings.ReplaceAll(e.Body, "\r\n", "\n"), "\n", "\r\n")
	if _, err := qp.Write([]byte(body)); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// RandomMessageID returns a new Message-ID id part on the domain of address.
func RandomMessageID(address string) string {
	buf := make([]byte, 16)
	_, _ = rand.Read(buf)
	return hex.EncodeToString(buf) + "@" + domainOf(address)
}

// domainOf returns the domain of an email address (bare or with a name), "carepath.invalid"
// when it has none.
func domainOf(address string) string {
	if a, err := mail.ParseAddress(address); err == nil {
		address = a.Address
	}
	if i := strings.LastIndexByte(address, '@'); i >= 0 && i < len(address)-1 {
		return address[i+1:]
	}
	return "carepath.invalid"
}
