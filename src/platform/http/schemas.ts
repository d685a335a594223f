import Type from 'typebox';

/** The native API's error answer. */
export const ErrorBody = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });
