package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
	"github.com/carepath/carepath/internal/notify"
)

// sendLink sends a link (path holds its secret token) to client c through channel ("email" or
// "sms"), and returns the notice the chart shows afterwards ("sent", or "logged" when carepath
// has no mail server and the link only went to the log), or else a problem that says why it
// could not be sent, in words the clinician can act on. kind is "" for an answer link,
// "safety_plan" for a safety plan link. Nothing here logs the link or the address.
func (s *Server) sendLink(r *http.Request, linkID, channel string, c *carepath.Client, path, kind string, expires time.Time) (notice, problem string) {
	to := c.Email
	if channel == "sms" {
		to = c.Phone
	}
	err := s.Delivery.Sender.Send(r.Context(), notify.Message{LinkID: linkID, Channel: channel, To: to,
		URL: s.linkBase(r) + path, Kind: kind, Expires: expires})
	switch {
	case err == nil && channel == "email" && !s.Delivery.Email:
		return "logged", ""
	case err == nil:
		return "sent", ""
	case errors.Is(err, notify.ErrNoChannel) && channel == "sms":
		return "", "carepath cannot send text messages: no SMS gateway is configured. Send the link by email, or enter the answers in session."
	case errors.Is(err, notify.ErrNoChannel):
		return "", "carepath cannot send email: no mail server is configured (ask an admin to set CAREPATH_SMTP_URL)."
	}
	s.Log.Error("link not sent", "link_id", linkID, "channel", channel)
	return "", "The mail server did not take the message just now, so the link was not sent. Please try again in a few minutes."
}

// linkBase is the external base of the links carepath builds: the configured base URL, or
// else the scheme the client used (as a trusted proxy reports it) and the request's host.
func (s *Server) linkBase(r *http.Request) string {
	return httpserver.ExternalURL(r, s.BaseURL, "")
}
