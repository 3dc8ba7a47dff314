package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// registerStaff adds the staff directory's routes: the list, one account, and changing one
// (name, role, status, hire date, time zone).
func (a *API) registerStaff(mux Mux) {
	mux.HandleFunc("GET /api/v1/staff", a.listStaff)
	mux.HandleFunc("GET /api/v1/staff/{id}", a.getStaff)
	mux.HandleFunc("PATCH /api/v1/staff/{id}", a.updateStaff)
}

// staffList is the answer of GET /api/v1/staff.
type staffList struct {
	Staff []*carepath.Staff `json:"staff"`
}

// staffPatch is the body of PATCH /api/v1/staff/{id}: the members given change.
type staffPatch struct {
	Name     *string        `json:"name,omitempty"`
	Role     *carepath.Role `json:"role,omitempty"`
	Disabled *bool          `json:"disabled,omitempty"`
	// Organization is a payer reviewer's organization (carepath.Staff.Organization).
	Organization *string `json:"organization,omitempty"`
	HireDate     *string `json:"hire_date,omitempty"`
	TimeZone     *string `json:"time_zone,omitempty"`
	// Supervisor marks a clinician or admin who may be named a note's co-signer.
	Supervisor *bool `json:"supervisor,omitempty"`
}

// listStaff answers the clinic's staff directory, by email.
func (a *API) listStaff(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (staffList, error) {
		list, err := a.Staff.FindStaff(ctx, carepath.StaffFilter{})
		return staffList{Staff: list}, err
	})
}

// getStaff answers one staff member (admins).
func (a *API) getStaff(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.Staff, error) {
		return a.Staff.FindStaffByID(ctx, r.PathValue("id"))
	})
}

// updateStaff changes a staff member's name, role, status, organization, hire date, time zone or
// supervisor flag (admins)
// and answers 200 with the account.
func (a *API) updateStaff(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in staffPatch) (*carepath.Staff, error) {
		return a.Staff.UpdateStaff(ctx, r.PathValue("id"), carepath.StaffUpdate{Name: in.Name, Role: in.Role, Disabled: in.Disabled,
			Organization: in.Organization, HireDate: in.HireDate, TimeZone: in.TimeZone, Supervisor: in.Supervisor})
	})
}
