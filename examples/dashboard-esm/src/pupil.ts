// Stands in for the school's sign-in: the logged-in pupil.
export const pupil = { name: 'Sam', yearGroup: 7 };
