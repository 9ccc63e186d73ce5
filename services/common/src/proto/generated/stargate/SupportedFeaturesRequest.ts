// Original file: proto/schema.proto


export interface SupportedFeaturesRequest {
}

export interface SupportedFeaturesRequest__Output {
}
