package fhir

import "github.com/google/uuid"

func randomUUID() string { return uuid.New().String() }
