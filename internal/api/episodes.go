package api

import (
	"context"
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
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.ProgramCreate) (*carepath.Program, error) {
		p, err := a.Programs.CreateProgram(ctx, in)
		if err == nil {
			w.Header().Set("Location", "/api/v1/programs/"+p.ID)
		}
		return p, err
	})
}

// listPrograms answers every program by name.
func (a *API) listPrograms(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (programList, error) {
		list, err := a.Programs.FindPrograms(ctx)
		return programList{Programs: list}, err
	})
}

// getProgram answers one program.
func (a *API) getProgram(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.Program, error) {
		return a.Programs.FindProgramByID(ctx, r.PathValue("id"))
	})
}

// programCensus answers the open episodes of a program that the caller may see.
func (a *API) programCensus(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (censusAnswer, error) {
		id := r.PathValue("id")
		list, err := a.Episodes.Census(ctx, id)
		return censusAnswer{ProgramID: id, Census: list}, err
	})
}

// admitClient opens an episode of care for the path's client and answers 201 with it.
func (a *API) admitClient(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in admitBody) (*carepath.Episode, error) {
		return a.Episodes.AdmitClient(ctx, carepath.EpisodeAdmit{ClientID: r.PathValue("id"),
			ProgramID: in.ProgramID, Level: in.Level, On: in.On})
	})
}

// listEpisodes answers the path's client's episodes of care, oldest first, with transfers.
func (a *API) listEpisodes(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (episodeList, error) {
		list, err := a.Episodes.FindEpisodes(ctx, r.PathValue("id"))
		return episodeList{Episodes: list}, err
	})
}

// transferEpisode moves an open episode to another level and answers 201 with the episode;
// a stale version is 409 and changes nothing.
func (a *API) transferEpisode(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.EpisodeTransfer) (*carepath.Episode, error) {
		return a.Episodes.TransferEpisode(ctx, r.PathValue("id"), in)
	})
}

// dischargeEpisode ends an open episode and answers 200 with it; a stale version is 409.
func (a *API) dischargeEpisode(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in carepath.EpisodeDischarge) (*carepath.Episode, error) {
		return a.Episodes.DischargeEpisode(ctx, r.PathValue("id"), in)
	})
}
