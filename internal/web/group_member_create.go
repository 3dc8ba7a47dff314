package web

import (
	"net/http"
	"strings"

	"github.com/carepath/carepath"
)

// groupMemberCreate puts a client on a group's roster from a date. A bad client or date is
// named next to its field with what was typed kept; a full group is refused (409) and says
// so, naming the capacity, and an admin is then offered to add the client anyway with a
// reason (the override is kept and counted by the service).
func (s *Server) groupMemberCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.groupPage(w, r, who)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		v.AddErrors["member-client"] = "The form could not be read. Please try again."
		s.render(w, r, http.StatusBadRequest, "group", v)
		return
	}
	client, from := strings.TrimSpace(r.PostForm.Get("client_id")), strings.TrimSpace(r.PostForm.Get("from"))
	v.selectCandidate(client)
	v.AddFrom, v.OverrideReason = from, strings.TrimSpace(r.PostForm.Get("override_reason"))
	if client == "" {
		v.AddErrors["member-client"] = "Please choose the client to add."
	}
	if from == "" {
		v.AddErrors["member-from"] = "Please give the date of the first session they join."
	}
	if len(v.AddErrors) > 0 {
		s.render(w, r, http.StatusBadRequest, "group", v)
		return
	}
	var err error
	if v.OverrideReason != "" || r.PostForm.Get("override") == "1" {
		if !v.MayOverride {
			v.Problem = "Going over a group's capacity is for an admin, giving the reason."
			s.render(w, r, http.StatusForbidden, "group", v)
			return
		}
		_, err = s.Groups.AddGroupMemberOverCapacity(r.Context(), v.Group.ID, client, from, v.OverrideReason)
	} else {
		_, err = s.Groups.AddGroupMember(r.Context(), v.Group.ID, client, from)
	}
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/groups/"+v.Group.ID+"?added=1", http.StatusSeeOther)
	case isInvalid(err):
		placeFieldErrors(v.AddErrors, err, func(field, _ string) string {
			switch field {
			case "client_id":
				return "member-client"
			case "from":
				return "member-from"
			case "reason":
				return "member-override-reason"
			}
			return ""
		}, "member-client")
		if v.AddErrors["member-override-reason"] != "" {
			v.Full, v.Refused = true, true // keep the override's field on the page, with its error
		}
		s.render(w, r, http.StatusBadRequest, "group", v)
	case isConflict(err):
		v.Problem = carepath.ErrorMessage(err)
		for _, f := range carepath.ErrorFields(err) {
			if f.Field == "capacity" {
				v.Full, v.Refused, v.Problem = true, true, "Not added: the group is full. "+f.Message
			}
		}
		v.Clashes = s.doubleBookings(r, err)
		s.render(w, r, http.StatusConflict, "group", v)
	default:
		s.fail(w, r, "add group member", err, groupErrors)
	}
}
