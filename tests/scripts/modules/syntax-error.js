exports.before = 1;
const broken = {;
