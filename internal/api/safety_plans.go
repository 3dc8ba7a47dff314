package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
	"github.com/carepath/carepath/internal/notify"
)

// getSafetyPlan answers the client's current safety plan; 404 when there is none.
func (a *API) getSafetyPlan(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.SafetyPlan, error) {
		return a.SafetyPlans.FindSafetyPlan(ctx, r.PathValue("id"), 0)
	})
}

// saveSafetyPlan stores a new version of the client's plan and answers 201 with it; 409 when
// base_version is not the latest.
func (a *API) saveSafetyPlan(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.SafetyPlanInput) (*carepath.SafetyPlan, error) {
		p, err := a.SafetyPlans.SaveSafetyPlan(ctx, r.PathValue("id"), in)
		if err == nil {
			w.Header().Set("Location", "/api/v1/clients/"+p.ClientID+"/safety-plan/versions/"+strconv.Itoa(p.Version))
		}
		return p, err
	})
}

// safetyPlanVersionList is the answer of GET /api/v1/clients/{id}/safety-plan/versions.
type safetyPlanVersionList struct {
	Versions []carepath.SafetyPlanVersion `json:"versions"`
}

// listSafetyPlanVersions answers the versions of the client's plan, newest first.
func (a *API) listSafetyPlanVersions(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (safetyPlanVersionList, error) {
		list, err := a.SafetyPlans.FindSafetyPlanVersions(ctx, r.PathValue("id"))
		return safetyPlanVersionList{Versions: list}, err
	})
}

// getSafetyPlanVersion answers one version of the client's plan.
func (a *API) getSafetyPlanVersion(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.SafetyPlan, error) {
		v, err := strconv.Atoi(r.PathValue("version"))
		if err != nil || v < 1 {
			return nil, carepath.Errorf(carepath.ENOTFOUND, "There is no such version.")
		}
		return a.SafetyPlans.FindSafetyPlan(ctx, r.PathValue("id"), v)
	})
}

// safetyPlanLinkBody is the body of POST /api/v1/clients/{id}/safety-plan/links: send_to
// "email" emails the link to the client (with their consent), "none" only makes it.
type safetyPlanLinkBody struct {
	SendTo string `json:"send_to"`
}

// safetyPlanLinkCreated is the answer: the link, its address (shown once, to hand over in
// person when it is not emailed), and whether it was emailed.
type safetyPlanLinkCreated struct {
	*carepath.SafetyPlanLink
	URL     string `json:"url"`
	Emailed bool   `json:"emailed"`
}

// createSafetyPlanLink makes a link that shows the client their current plan.
func (a *API) createSafetyPlanLink(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in safetyPlanLinkBody) (safetyPlanLinkCreated, error) {
		if in.SendTo != "email" && in.SendTo != "none" {
			var errs carepath.FieldErrors
			errs.Add("send_to", "enum", "Use email (send it to the client) or none (hand it over in person).")
			return safetyPlanLinkCreated{}, errs.Err()
		}
		c, err := a.Clients.FindClientByID(ctx, r.PathValue("id"))
		if err != nil {
			return safetyPlanLinkCreated{}, err
		}
		if in.SendTo == "email" && (c.Email == "" || !c.EmailConsent) {
			var errs carepath.FieldErrors
			errs.Add("send_to", "no_consent", "The client has no email address with consent to contact by email.")
			return safetyPlanLinkCreated{}, errs.Err()
		}
		link, token, err := a.SafetyPlans.CreateSafetyPlanLink(ctx, c.ID)
		if err != nil {
			return safetyPlanLinkCreated{}, err
		}
		out := safetyPlanLinkCreated{SafetyPlanLink: link, URL: httpserver.ExternalURL(r, a.BaseURL, "/p/"+token)}
		if in.SendTo == "email" {
			if err := a.sender().Send(ctx, notify.Message{LinkID: link.ID, Channel: "email", To: c.Email, URL: out.URL,
				Kind: "safety_plan", Expires: link.ExpiresAt}); err != nil {
				a.Log.Error("safety plan link not emailed", "link_id", link.ID)
				return safetyPlanLinkCreated{}, carepath.Errorf(carepath.EINTERNAL, "The link could not be emailed.")
			}
			out.Emailed = true
		}
		return out, nil
	})
}

// sender returns the link sender (a log sender when none is set).
func (a *API) sender() notify.Sender {
	if a.Sender != nil {
		return a.Sender
	}
	return notify.LogSender{Log: a.Log}
}
