exports.real = 1;
