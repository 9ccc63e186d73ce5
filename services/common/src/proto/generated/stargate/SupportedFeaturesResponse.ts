// Original file: proto/schema.proto


export interface SupportedFeaturesResponse {
  'secondaryIndexes'?: (boolean);
  'sai'?: (boolean);
  'loggedBatches'?: (boolean);
  'vectorSearch'?: (boolean);
}

export interface SupportedFeaturesResponse__Output {
  'secondaryIndexes'?: (boolean);
  'sai'?: (boolean);
  'loggedBatches'?: (boolean);
  'vectorSearch'?: (boolean);
}
