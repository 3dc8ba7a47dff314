package api

import (
	"net/http"

	"github.com/carepath/carepath"
)

// programList is the answer of GET /api/v1/programs.
type programList struct {
	Programs []*carepath.Program `json:"programs"`
}

// censusAnswer is the answer of GET /api/v1/programs/{id}/census.
type censusAnswer struct {
	ProgramID string                 `json:"program_id"`
	Census    []carepath.CensusEntry `json:"census"`
}

// episodeList is the answer of GET /api/v1/clients/{id}/episodes: the timeline, oldest first.
type episodeList struct {
	Episodes []*carepath.Episode `json:"episodes"`
}

// admitBody is the body of POST /api/v1/clients/{id}/episodes; the client is the path's.
type admitBody struct {
	ProgramID string         `json:"program_id"`
	Level     carepath.Level `json:"level"`
	On        string         `json:"on"`
}

// createProgram stores a program (admin only) and answers 201 with it, including id.
func (a *API) createProgram(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	var in carepath.ProgramCreate
	if err := decodeJSON(w, r, &in); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	p, err := a.Programs.CreateProgram(ctx, in)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	w.Header().Set("Location", "/api/v1/programs/"+p.ID)
	WriteJSON(w, http.StatusCreated, p)
}

// listPrograms answers every program by name.
func (a *API) listPrograms(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	list, err := a.Programs.FindPrograms(ctx)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, programList{Programs: list})
}

// getProgram answers one program.
func (a *API) getProgram(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	p, err := a.Programs.FindProgramByID(ctx, r.PathValue("id"))
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, p)
}

// programCensus answers the open episodes of a program that the caller may see.
func (a *API) programCensus(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	id := r.PathValue("id")
	list, err := a.Episodes.Census(ctx, id)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, censusAnswer{ProgramID: id, Census: list})
}

// admitClient opens an episode of care for the path's client and answers 201 with it.
func (a *API) admitClient(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	var in admitBody
	if err := decodeJSON(w, r, &in); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	e, err := a.Episodes.AdmitClient(ctx, carepath.EpisodeAdmit{ClientID: r.PathValue("id"),
		ProgramID: in.ProgramID, Level: in.Level, On: in.On})
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusCreated, e)
}

// listEpisodes answers the path's client's episodes of care, oldest first, with transfers.
func (a *API) listEpisodes(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	list, err := a.Episodes.FindEpisodes(ctx, r.PathValue("id"))
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, episodeList{Episodes: list})
}

// transferEpisode moves an open episode to another level and answers 201 with the episode;
// a stale version is 409 and changes nothing.
func (a *API) transferEpisode(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	var in carepath.EpisodeTransfer
	if err := decodeJSON(w, r, &in); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	e, err := a.Episodes.TransferEpisode(ctx, r.PathValue("id"), in)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusCreated, e)
}

// dischargeEpisode ends an open episode and answers 200 with it; a stale version is 409.
func (a *API) dischargeEpisode(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	var in carepath.EpisodeDischarge
	if err := decodeJSON(w, r, &in); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	e, err := a.Episodes.DischargeEpisode(ctx, r.PathValue("id"), in)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, e)
}
