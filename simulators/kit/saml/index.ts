/** The SAML kit in one import: bindings, AuthnRequest, Response, metadata, logout, sign message. */
export * from './authnRequestBuilder.js';
export * from './authnRequestParser.js';
export * from './autoPostForm.js';
export * from './bindings.js';
export * from './logout.js';
export * from './metadataBuilder.js';
export * from './metadataParser.js';
export * from './replayCache.js';
export * from './responseBuilder.js';
export * from './responseValidator.js';
export * from './samlConstants.js';
export * from './samlError.js';
export * from './samlTime.js';
export * from './signMessage.js';
