export function schemaEngineAvailable(): boolean;
