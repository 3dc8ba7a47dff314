package carepath

import (
	"context"
	"encoding/json"
	"time"
)

// IssuedEstimate is a good-faith estimate as it was given to a client: its number, the day it
// was issued and by whom, the level it recommends with that level's expected total, and the
// whole estimate as issued (Document, the JSON of billing.GoodFaithEstimate). A self-pay or
// uninsured client is entitled to keep it, and the clinic keeps a copy: the copy is never
// changed, so what the client was told can be shown again exactly, whatever the rates become.
type IssuedEstimate struct {
	ID          string          `json:"id"`
	ClientID    string          `json:"client_id"`
	Number      string          `json:"number"`
	IssuedOn    string          `json:"issued_on"`
	Recommended Level           `json:"recommended"`
	Total       Cents           `json:"total_cents"` // the recommended level's expected total
	IssuedBy    string          `json:"issued_by"`
	IssuedAt    time.Time       `json:"issued_at"`
	Document    json.RawMessage `json:"estimate,omitempty"`
}

// EstimateService keeps the good-faith estimates given to clients.
type EstimateService interface {
	// KeepEstimate stores an estimate just given to the client; e.ID, Number, IssuedOn,
	// Recommended, Total and Document are set by the caller, IssuedBy and IssuedAt by the
	// service. EINVALID names the field that is missing; ENOTFOUND when the client is not there
	// or not the actor's to see.
	KeepEstimate(ctx context.Context, e IssuedEstimate) (*IssuedEstimate, error)
	// FindEstimates lists the client's issued estimates, newest first, without their documents;
	// never nil.
	FindEstimates(ctx context.Context, clientID string) ([]*IssuedEstimate, error)
	// FindEstimate returns issued estimate id of the client with its document. ENOTFOUND when
	// there is none the actor may see.
	FindEstimate(ctx context.Context, clientID, id string) (*IssuedEstimate, error)
}
