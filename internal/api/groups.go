package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// registerDelivery adds the routes of program delivery: groups and their rosters,
// sessions and their occurrences, attendance, dose, alerts and quality.
func (a *API) registerDelivery(mux Mux) {
	mux.HandleFunc("POST /api/v1/groups", a.createGroup)
	mux.HandleFunc("GET /api/v1/groups/{id}", a.getGroup)
	mux.HandleFunc("PATCH /api/v1/groups/{id}", a.updateGroup)
	mux.HandleFunc("GET /api/v1/programs/{id}/groups", a.listGroups)
	mux.HandleFunc("POST /api/v1/groups/{id}/members", a.addGroupMember)
	mux.HandleFunc("POST /api/v1/groups/{id}/members/{client_id}/end", a.endGroupMember)
	mux.HandleFunc("POST /api/v1/sessions", a.createSession)
	mux.HandleFunc("GET /api/v1/sessions", a.listSessions)
	mux.HandleFunc("GET /api/v1/sessions/{id}", a.getSession)
	mux.HandleFunc("POST /api/v1/sessions/{id}/cancel", a.cancelSession)
	mux.HandleFunc("POST /api/v1/sessions/{id}/move", a.moveSession)
	mux.HandleFunc("GET /api/v1/sessions/{id}/attendance", a.getAttendance)
	mux.HandleFunc("PUT /api/v1/sessions/{id}/attendance", a.putAttendance)
	mux.HandleFunc("GET /api/v1/clients/{id}/dose", a.clientDose)
	mux.HandleFunc("GET /api/v1/alerts", a.listAlerts)
	mux.HandleFunc("GET /api/v1/programs/{id}/quality", a.programQuality)
}

// groupList is the answer of GET /api/v1/programs/{id}/groups.
type groupList struct {
	Groups []*carepath.Group `json:"groups"`
}

// memberBody is the body of POST /api/v1/groups/{id}/members.
type memberBody struct {
	ClientID string `json:"client_id"`
	From     string `json:"from"`
	// CapacityOverrideReason, given by an admin, adds the client beyond the group's capacity.
	CapacityOverrideReason string `json:"capacity_override_reason,omitempty"`
}

// endMemberBody is the body of POST /api/v1/groups/{id}/members/{client_id}/end.
type endMemberBody struct {
	On string `json:"on"`
}

// createGroup stores a group and answers 201 with it, including id.
func (a *API) createGroup(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.GroupCreate) (*carepath.Group, error) {
		g, err := a.Groups.CreateGroup(ctx, in)
		if err == nil {
			w.Header().Set("Location", "/api/v1/groups/"+g.ID)
		}
		return g, err
	})
}

// getGroup answers one group with its roster history.
func (a *API) getGroup(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.Group, error) {
		return a.Groups.FindGroupByID(ctx, r.PathValue("id"))
	})
}

// listGroups answers a program's groups by name.
func (a *API) listGroups(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (groupList, error) {
		list, err := a.Groups.FindGroups(ctx, r.PathValue("id"))
		return groupList{Groups: list}, err
	})
}

// addGroupMember puts a client on the roster from a date and answers 200 with the group.
func (a *API) addGroupMember(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in memberBody) (*carepath.Group, error) {
		if in.CapacityOverrideReason != "" {
			return a.Groups.AddGroupMemberOverCapacity(ctx, r.PathValue("id"), in.ClientID, in.From, in.CapacityOverrideReason)
		}
		return a.Groups.AddGroupMember(ctx, r.PathValue("id"), in.ClientID, in.From)
	})
}

// endGroupMember takes a client off the roster from a date and answers 200 with the group.
func (a *API) endGroupMember(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in endMemberBody) (*carepath.Group, error) {
		return a.Groups.EndGroupMember(ctx, r.PathValue("id"), r.PathValue("client_id"), in.On)
	})
}
