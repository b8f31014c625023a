import { RequestFailure, SigningHubError } from '../transport';

/**
 * The same failure in other words (`reword` gives the new message and description, or undefined
 * to keep it as it is), keeping its tries and what SigningHub said; other errors as they are.
 */
export function reworded(error: unknown, reword: (failure: SigningHubError) => { message?: string; description?: string } | undefined): unknown {
	if (!(error instanceof SigningHubError)) return error;
	const words = reword(error);
	if (!words) return error;
	const details = { ...error, message: words.message ?? error.message, description: words.description ?? error.description };
	return error instanceof RequestFailure ? new RequestFailure(details, error.attempts, error.mayHaveTakenEffect) : new SigningHubError(details);
}
