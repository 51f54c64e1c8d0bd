// Hold and transfer controls for the desk page (mounted by the softphone's call panel).
export { HoldButton } from "./HoldButton";
export { TransferButton, TransferDialog } from "./TransferDialog";
