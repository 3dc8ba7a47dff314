package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// noteList is the answer of GET /api/v1/clients/{id}/notes and GET /api/v1/cosign-queue.
type noteList struct {
	Notes []*carepath.Note `json:"notes"`
}

// addendumBody is the body of POST /api/v1/notes/{id}/addenda.
type addendumBody = carepath.AddendumInput

// registerNotes adds the clinical-note routes.
func (a *API) registerNotes(mux Mux) {
	mux.HandleFunc("POST /api/v1/notes", a.createNote)
	mux.HandleFunc("GET /api/v1/notes/{id}", a.getNote)
	mux.HandleFunc("PUT /api/v1/notes/{id}", a.updateNote)
	mux.HandleFunc("POST /api/v1/notes/{id}/sign", a.signNote)
	mux.HandleFunc("POST /api/v1/notes/{id}/addenda", a.addAddendum)
	mux.HandleFunc("POST /api/v1/notes/{id}/cosign", a.cosignNote)
	mux.HandleFunc("GET /api/v1/clients/{id}/notes", a.listClientNotes)
	mux.HandleFunc("GET /api/v1/cosign-queue", a.cosignQueue)
}

// createNote writes a draft note (individual, family, medication or group) and answers 201.
func (a *API) createNote(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.NoteInput) (*carepath.Note, error) {
		n, err := a.Notes.CreateNote(ctx, in)
		if err == nil {
			w.Header().Set("Location", "/api/v1/notes/"+n.ID)
		}
		return n, err
	})
}

// getNote answers one note.
func (a *API) getNote(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.Note, error) {
		return a.Notes.FindNoteByID(ctx, r.PathValue("id"))
	})
}

// updateNote replaces a draft's content; a stale revision or a signed note is 409.
func (a *API) updateNote(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in carepath.NoteUpdate) (*carepath.Note, error) {
		return a.Notes.UpdateNote(ctx, r.PathValue("id"), in)
	})
}

// signNote signs a draft at the given revision and answers 200 with it.
func (a *API) signNote(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in signBody) (*carepath.Note, error) {
		return a.Notes.SignNote(ctx, r.PathValue("id"), in.Revision)
	})
}

// addAddendum appends a correction to a signed note and answers 201 with the note.
func (a *API) addAddendum(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in addendumBody) (*carepath.Note, error) {
		return a.Notes.AddAddendum(ctx, r.PathValue("id"), in)
	})
}

// cosignNote co-signs a signed note as the signed-in supervisor.
func (a *API) cosignNote(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.Note, error) {
		return a.Notes.CosignNote(ctx, r.PathValue("id"))
	})
}

// listClientNotes answers the notes in the path's client's chart, newest first; ?status=
// draft or signed narrows them.
func (a *API) listClientNotes(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (noteList, error) {
		var f carepath.NoteFilter
		if s := r.URL.Query().Get("status"); s != "" {
			st := carepath.NoteStatus(s)
			if st != carepath.NoteDraft && st != carepath.NoteSigned {
				return noteList{}, invalidQuery("status", "must be draft or signed")
			}
			f.Status = &st
		}
		list, err := a.Notes.FindClientNotes(ctx, r.PathValue("id"), f)
		return noteList{Notes: list}, err
	})
}

// cosignQueue answers the signed notes awaiting the signed-in supervisor's co-signature.
func (a *API) cosignQueue(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (noteList, error) {
		list, err := a.Notes.FindCosignQueue(ctx)
		return noteList{Notes: list}, err
	})
}
