//! Civic initiatives (азаматтық бастама / гражданская инициатива): submitting, signing,
//! answering.
