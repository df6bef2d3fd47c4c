// Throwing a value that is not an Error.
throw { code: 42, detail: 'not an error' };
