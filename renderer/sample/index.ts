export { OpenSampleProjectButton } from "./OpenSampleProjectButton";
